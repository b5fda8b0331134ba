"""Weekly digests of a watch: the matching events of one ISO week, as a page, HTML file or Markdown."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventwire.store import FilterError, Store, StoredEvent, Watch
from eventwire.store.store import MAX_LIMIT
from eventwire.web.sample import read_sample

STYLESHEET = Path(__file__).resolve().parent / "static" / "app.css"
FIRST_YEAR = (
    1900  # as for publication dates (ingest.dates); also keeps week arithmetic off the calendar's ends
)
_WEEK_RE = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")


def parse_week(value: str) -> tuple[date, date]:
    """Monday and Sunday of an ISO week like ``2021-W36``; FilterError when malformed."""
    m = _WEEK_RE.fullmatch(value.strip())
    if not m:
        raise FilterError(f"week: malformed week {value!r} (expected YYYY-Www, like 2021-W36)")
    year = int(m[1])
    if not FIRST_YEAR <= year <= date.today().year + 1:
        raise FilterError(f"week: {value!r} is out of range (years {FIRST_YEAR} to {date.today().year + 1})")
    try:
        monday = date.fromisocalendar(year, int(m[2]), 1)
    except ValueError:
        raise FilterError(f"week: no such week {value!r}") from None
    return monday, monday + timedelta(days=6)


def week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(slots=True)
class DigestItem:
    """One real-world event of the week with every report of it."""

    first: StoredEvent
    reports: list[StoredEvent]

    @property
    def outlets(self) -> list[str]:
        return sorted({r.article_publisher for r in self.reports if r.article_publisher})


@dataclass(slots=True)
class Digest:
    watch: Watch
    week: str
    start: date
    end: date
    items: list[DigestItem] = field(default_factory=list)
    matching: int = 0  # reports matching the watch this week; more than ``mentions`` when capped

    @property
    def mentions(self) -> int:
        return sum(len(i.reports) for i in self.items)

    @property
    def truncated(self) -> bool:
        return self.matching > self.mentions

    @property
    def by_type(self) -> list[tuple[str, int]]:
        return Counter(i.first.event.plover.type for i in self.items).most_common()

    @property
    def by_dyad(self) -> list[tuple[str, int]]:
        return Counter(dyad_label(i.first) for i in self.items).most_common(10)

    @property
    def previous(self) -> str:
        return week_label(self.start - timedelta(days=7))

    @property
    def next(self) -> str:
        return week_label(self.start + timedelta(days=7))


def dyad_label(se: StoredEvent) -> str:
    ev = se.event
    src = ", ".join(sorted({m.code or m.country or m.text for m in ev.actor})) or "?"
    tgt = ", ".join(sorted({m.code or m.country or m.text for m in ev.recipient})) or "?"
    return f"{src} → {tgt}"


def build_digest(store: Store, watch: Watch, week: str, cap: int = MAX_LIMIT) -> Digest:
    """The watch's events dated in ``week`` (within the watch's own dates), grouped by linked event.

    At most ``cap`` reports are read, newest first; ``Digest.truncated`` says when more match.
    """
    start, end = parse_week(week)
    flt = watch.filter
    since = max(start, flt.since) if flt.since else start
    until = min(end, flt.until) if flt.until else end
    digest = Digest(watch, week_label(start), start, end)
    if since > until:
        return digest
    sample = read_sample(store, replace(flt, since=since, until=until), cap)
    events, digest.matching = sample.events, sample.matching
    groups: dict[str, list[StoredEvent]] = {}
    for se in events:
        groups.setdefault(se.linked_event_id or se.event.id, []).append(se)
    items = [DigestItem(reports[0], reports) for reports in groups.values()]
    items.sort(key=lambda i: (i.first.day or date.min, len(i.reports)), reverse=True)
    digest.items = items
    return digest


def md_escape(text: str | None) -> str:
    """Untrusted text made inert in Markdown: specials backslash-escaped, HTML angle brackets as entities."""
    text = " ".join((text or "").split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_url(url: str | None) -> str | None:
    """An http(s) url safe inside ``<…>`` link syntax, else None."""
    if not url or not re.match(r"https?://", url, re.IGNORECASE):
        return None
    return url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def article_link(base_url: str, se: StoredEvent) -> str:
    return f"{base_url.rstrip('/')}/articles/{se.event.article_id}#ev-{se.event.id}"


def render_markdown(digest: Digest, base_url: str = "") -> str:
    """The digest as Markdown, every piece of article text escaped."""
    w = digest.watch
    lines = [
        f"# Weekly digest: {md_escape(w.name)}, {digest.week}",
        "",
        f"{digest.start.isoformat()} to {digest.end.isoformat()} · filter: {md_escape(filter_summary(w))}",
        "",
        f"**{len(digest.items)}** event{_s(len(digest.items))} from **{digest.mentions}** "
        f"report{_s(digest.mentions)}.",
        "",
    ]
    if digest.truncated:
        lines += [f"Only the newest {digest.mentions} of {digest.matching} matching reports are included.",
                  ""]  # fmt: skip
    if digest.items:
        lines += ["| PLOVER type | events |", "|---|---:|"]
        lines += [f"| {t} | {n} |" for t, n in digest.by_type]
        lines.append("")
    for item in digest.items:
        se = item.first
        ev = se.event
        day = se.day.isoformat() if se.day else "undated"
        lines.append(f"## {day} · {ev.plover.type} · {md_escape(dyad_label(se))}")
        lines.append("")
        lines.append(f"> {md_escape(ev.sentence)}")
        lines.append("")
        lines.append(
            f"CAMEO {md_escape(ev.cameo.code)}, Goldstein {_num(ev.cameo.goldstein)}; "
            f"{len(item.reports)} report{_s(len(item.reports))}"
        )
        lines.append("")
        for r in item.reports:
            title = md_escape(r.article_title or r.event.article_id)
            outlet = f" ({md_escape(r.article_publisher)})" if r.article_publisher else ""
            source = f" · [source](<{url}>)" if (url := _md_url(r.article_url)) else ""
            lines.append(f"- [{title}](<{article_link(base_url, r)}>){outlet}{source}")
        lines.append("")
    if not digest.items:
        lines += ["No matching events this week.", ""]
    return "\n".join(lines)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _num(value: float | None) -> str:
    return f"{value:+.1f}" if value is not None else "n/a"


def filter_summary(watch: Watch) -> str:
    data: dict[str, Any] = watch.filter.to_dict()
    parts = [f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in data.items()]
    return ", ".join(parts) or "all events"


def digest_css() -> str:
    """The stylesheet a saved digest file inlines."""
    return STYLESHEET.read_text(encoding="utf-8")
