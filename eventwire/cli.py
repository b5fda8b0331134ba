"""The ``eventwire`` command line: one root app, each stage adds its commands.

Every stage module exposes ``register(app)``; heavy imports (spaCy, DuckDB,
Dask, FastAPI) happen inside the commands so that ``--help`` stays instant.
"""

from __future__ import annotations

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

app = typer.Typer(
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
