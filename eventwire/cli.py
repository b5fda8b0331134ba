"""The ``eventwire`` command line: one root app, each stage adds its commands.

Every stage module exposes ``register(app)``; heavy imports (spaCy, DuckDB,
Dask, FastAPI) happen inside the commands so that ``--help`` stays instant.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer

from eventwire import __version__
from eventwire.actors import cli as actors_cli
from eventwire.coding import cli as coding_cli
from eventwire.distributed import cli as distributed_cli
from eventwire.eval import cli as eval_cli
from eventwire.follow import cli as follow_cli
from eventwire.ingest import cli as ingest_cli
from eventwire.store import cli as store_cli
from eventwire.web import cli as web_cli


class _App(typer.Typer):
    """The root app: what the environment refuses (an unwritable ``--errors`` file, a damaged or full
    database) ends any command with one line on stderr and exit code 2, never a traceback."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from eventwire.errors import UnusableErrorsFile, shown

        try:
            return super().__call__(*args, **kwargs)
        except (UnusableErrorsFile, OSError) as exc:
            _fail(shown(str(exc)))
        except Exception as exc:
            from eventwire.store.errors import StoreError

            if isinstance(exc, StoreError):
                _fail(shown(str(exc)))
            if os.environ.get("EVENTWIRE_DEBUG"):
                raise
            first = (str(exc).splitlines() or [""])[0][:300]
            _fail(f"internal error: {type(exc).__name__}: {shown(first)} (EVENTWIRE_DEBUG=1: traceback)")


def _fail(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
    raise SystemExit(2)


app = _App(
    name="eventwire",
    help="Turn news articles into PLOVER/CAMEO political event records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """eventwire: who did what to whom, when and where."""


for stage in (ingest_cli, actors_cli, coding_cli, store_cli, eval_cli, web_cli, distributed_cli, follow_cli):
    stage.register(app)
