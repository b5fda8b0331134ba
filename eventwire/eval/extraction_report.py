"""Wiring for the article-extraction benchmark (scoring itself lives in ``eval.extraction``).

``eventwire.eval.extraction.evaluate_extraction`` (owned by the ingest stage)
scores article bodies against the Zyte ground truth; here its result becomes
a plain dict and tables for the console and the report.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from eventwire.eval.tables import Table, fmt, summary_table


def as_plain(value: Any) -> Any:
    """Dataclasses, objects with ``to_dict`` and containers as JSON-ready values."""
    if hasattr(value, "to_dict"):
        return as_plain(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return as_plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): as_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def _is_scalar(value: Any) -> bool:
    return isinstance(value, int | float | str | bool) or value is None


def extraction_tables(result: dict[str, Any], worst: int = 10) -> list[Table]:
    """A summary of the scalar figures, plus the lowest-scoring pages when a per-page list is given."""
    mode = "flattened text" if result.get("mode") == "flattened" else "HTML path"
    scalars = {k: v for k, v in result.items() if _is_scalar(v)}
    for key, value in result.items():  # nested figures, e.g. the plain-trafilatura baseline
        if isinstance(value, dict):
            scalars.update({f"{key} {k}": v for k, v in value.items() if _is_scalar(v)})
    tables = [summary_table(f"Article extraction ({mode})", scalars)]
    pages = next((v for v in result.values() if isinstance(v, list) and v and isinstance(v[0], dict)), None)
    if pages and any("f1" in p for p in pages):
        ranked = [dict(p) for p in sorted((p for p in pages if "f1" in p), key=lambda p: p["f1"])[:worst]]
        headers = [k for k in ranked[0] if _is_scalar(ranked[0][k])]
        for page in ranked:
            if isinstance(page.get("id"), str):  # page ids are long hashes; a prefix identifies them
                page["id"] = page["id"][:16]
        tables.append(
            Table(
                f"Lowest-scoring pages ({len(ranked)})",
                headers,
                [[fmt(p.get(h)) for h in headers] for p in ranked],
            )
        )
    return tables


def run_extraction(
    ground_truth: Path, html_dir: Path, *, flatten: bool
) -> tuple[dict[str, Any], list[Table]]:
    """Score the extraction benchmark; returns the result as a dict and its tables."""
    from eventwire.eval.extraction import evaluate_extraction

    raw = as_plain(evaluate_extraction(ground_truth, html_dir, flatten=flatten))
    result = raw if isinstance(raw, dict) else {"f1": raw}
    result.setdefault("mode", "flattened" if flatten else "html")
    return result, extraction_tables(result)
