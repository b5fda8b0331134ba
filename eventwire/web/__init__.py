"""web stage: the HTTP API and the dashboard pages (``create_app``), watches and weekly digests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported only when the web app is asked for, so the CLI stays fast.
    if name == "create_app":
        from eventwire.web.app import create_app

        return create_app
    raise AttributeError(name)
