"""``eventwire eval …``: accuracy against gold sets, printed as tables, optionally as JSON."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eventwire.errors import InputError
from eventwire.eval.split import gold_key, in_part

if TYPE_CHECKING:
    from eventwire.eval.coders import BatchCoder
    from eventwire.eval.runner import Section
    from eventwire.eval.split import Part

ACTORS_HELP = "PETRARCH/TABARI-format actor dictionary to load (repeatable)."
AGENTS_HELP = "PETRARCH/TABARI-format agent dictionary to load (repeatable)."
VERBS_HELP = "PETRARCH-format verb dictionary to load (repeatable)."
JSON_HELP = "Also write the full result (figures, confusion matrix, every miss) as JSON to this file."
MISSES_HELP = "How many misses to print (all are in --json)."
PART_HELP = (
    "Score only this part of the set: 'check' (quoted figures) or 'tune' (what rules and models were "
    "fitted on)."
)


def _part(value: str | None) -> Part | None:
    if value in (None, "", "all"):
        return None
    if value not in ("tune", "check"):
        raise typer.BadParameter(f"--part must be tune, check or all, not {value!r}")
    return value  # type: ignore[return-value]
RULES_HELP = "Also count which coding rules fire and how often their events are right."


def _existing(path: Path, what: str) -> Path:
    if not path.exists():
        raise InputError(str(path), f"{what} not found")
    return path


def _run(command: Callable[[], None]) -> None:
    """Run a command body, turning bad-input errors into a one-line message and exit code 2."""
    try:
        command()
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def _write_json(path: Path | None, payload: object) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    typer.echo(f"wrote {path}", err=True)


def _coder(
    actors: list[Path] | None = None, agents: list[Path] | None = None, verbs: list[Path] | None = None
) -> BatchCoder:
    from eventwire.eval import runner

    for path in [*(actors or []), *(agents or []), *(verbs or [])]:
        _existing(path, "dictionary")
    return runner.load_coder(actors or [], agents or [], verbs or [])


def _write_failures(report: Path, section: Section) -> None:
    import sys

    from eventwire.eval.petrarch_conformance import failures_markdown

    command = " ".join(shlex.quote(a) for a in ["eventwire", *sys.argv[1:]])
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(failures_markdown(section.result, command), encoding="utf-8")
    typer.echo(f"wrote {report}", err=True)


def _show(section: Section) -> None:
    from eventwire.eval.tables import print_tables

    print_tables(section.tables)
    for note in section.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"{section.items} items in {section.seconds:.1f} s", err=True)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command group to the root app."""
    group = typer.Typer(
        help="Measure accuracy against gold sets (PLOVER records, quad classes, PETRARCH "
        "validation records, article extraction).",
        no_args_is_help=True,
    )
    app.add_typer(group, name="eval")

    @group.command("plover")
    def plover(
        gold: Path = typer.Argument(..., help="PLOVER gold-standard records (JSON list)."),
        json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
        misses: int = typer.Option(15, "--misses", help=MISSES_HELP),
        actors: list[Path] | None = typer.Option(None, "--actors", help=ACTORS_HELP),
        agents: list[Path] | None = typer.Option(None, "--agents", help=AGENTS_HELP),
        verbs: list[Path] | None = typer.Option(None, "--verbs", help=VERBS_HELP),
        part: str | None = typer.Option(None, "--part", help=PART_HELP),
        rules: bool = typer.Option(False, "--rules", help=RULES_HELP),
    ) -> None:
        """Code each gold sentence with its date; score event type, source/target countries, full match."""

        def body() -> None:
            from eventwire.eval import rules as rule_stats
            from eventwire.eval.plover import load_plover_gold
            from eventwire.eval.runner import plover_section

            golds, _ = load_plover_gold(_existing(gold, "gold file"))  # fail on a bad file before the model
            chosen = _part(part)
            golds = in_part(golds, gold_key, chosen)
            coder = rule_stats.Recorder(_coder(actors, agents, verbs))
            section = plover_section(gold, coder, misses, chosen)
            payload = section.to_dict()
            if rules:
                truth = [(g.event, g.source, g.target) for g in golds]
                counts = rule_stats.count_rules(rule_stats.plover_judged(truth, coder.coded))
                section.tables.append(rule_stats.rules_table(counts, "rules (events they shaped)"))
                payload["rules"] = rule_stats.to_dict(counts)
            _show(section)
            _write_json(json_out, payload)

        _run(body)

    @group.command("quad")
    def quad(
        gold: Path = typer.Argument(..., help="sentence<TAB>label file, labels 0-4."),
        json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
        misses: int = typer.Option(15, "--misses", help=MISSES_HELP),
        actors: list[Path] | None = typer.Option(None, "--actors", help=ACTORS_HELP),
        agents: list[Path] | None = typer.Option(None, "--agents", help=AGENTS_HELP),
        verbs: list[Path] | None = typer.Option(None, "--verbs", help=VERBS_HELP),
        part: str | None = typer.Option(None, "--part", help=PART_HELP),
        rules: bool = typer.Option(False, "--rules", help=RULES_HELP),
    ) -> None:
        """Quad class of each sentence's main event: accuracy, macro-F1, confusion matrix."""

        def body() -> None:
            from eventwire.eval import rules as rule_stats
            from eventwire.eval.quad import event_quad, load_quad_gold
            from eventwire.eval.runner import quad_section

            golds = load_quad_gold(_existing(gold, "gold file"))
            chosen = _part(part)
            golds = in_part(golds, gold_key, chosen)
            coder = rule_stats.Recorder(_coder(actors, agents, verbs))
            section = quad_section(gold, coder, misses, chosen)
            payload = section.to_dict()
            if rules:
                judged = rule_stats.quad_judged([g.label for g in golds], coder.coded, event_quad)
                counts = rule_stats.count_rules(judged)
                section.tables.append(rule_stats.rules_table(counts, "rules (main events they shaped)"))
                payload["rules"] = rule_stats.to_dict(counts)
            _show(section)
            _write_json(json_out, payload)

        _run(body)

    @group.command("silver")
    def silver(
        path: Path = typer.Argument(
            ...,
            help="A folder of stories.jsonl + annotations.jsonl, or a sentence file (id, text, events)",
        ),
        json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
        misses: int = typer.Option(15, "--misses", help=MISSES_HELP),
        part: str | None = typer.Option("check", "--part", help=PART_HELP + " Default: check."),
    ) -> None:
        """Silver PLOVER annotations of every sentence: event sentences, types, countries, false alarms."""

        def body() -> None:
            from eventwire.eval.runner import silver_section

            _existing(path, "silver set")
            name = "voa" if path.is_dir() else "eventloc"
            section = silver_section(name, path, _coder(), misses, _part(part))
            payload = section.to_dict()
            _show(section)
            _write_json(json_out, payload)

        _run(body)

    @group.command("petrarch")
    def petrarch(
        records: Path = typer.Argument(..., help="PETRARCH-style validation records (XML)."),
        json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
        misses: int = typer.Option(15, "--misses", help="How many failed records to print."),
        actors: list[Path] | None = typer.Option(None, "--actors", help=ACTORS_HELP),
        agents: list[Path] | None = typer.Option(None, "--agents", help=AGENTS_HELP),
        verbs: list[Path] | None = typer.Option(None, "--verbs", help=VERBS_HELP),
        discards: list[Path] | None = typer.Option(
            None, "--discards", help="PETRARCH discard list (repeatable; --coder petrarch)."
        ),
        coder: str = typer.Option(
            "eventwire",
            "--coder",
            help="eventwire: the default pipeline plus the dictionaries; petrarch: PETRARCH-conformance "
            "mode, only the given dictionaries, coded as PETRARCH would (on eventwire's parse).",
        ),
        report: Path | None = typer.Option(
            None, "--report", help="Write pass rates and every failed record as Markdown here."
        ),
    ) -> None:
        """Code validation records with the given dictionaries; pass rate per category."""

        def body() -> None:
            from eventwire.eval.petrarch import load_validation_records
            from eventwire.eval.runner import petrarch_section

            load_validation_records(_existing(records, "records file"))
            if coder not in ("eventwire", "petrarch"):
                raise InputError(coder, "unknown --coder (want eventwire or petrarch)")
            if coder == "petrarch":
                from eventwire.eval import petrarch_conformance as pc
                from eventwire.eval.petrarch import environment_files

                given = {"actors": actors or [], "agents": agents or [], "verbs": verbs or []}
                given["discards"] = discards or []
                if not any(given.values()):
                    given.update(
                        environment_files(records)
                    )  # the dictionaries the file's <Environment> names
                    for kind, paths in given.items():
                        if paths:
                            typer.echo(
                                f"{kind} from the records' <Environment>: {', '.join(map(str, paths))}",
                                err=True,
                            )
                for path in [p for paths in given.values() for p in paths]:
                    _existing(path, "dictionary")
                conformance = pc.load_conformance_coder(
                    given["actors"], given["agents"], given["verbs"], given["discards"]
                )
                section = pc.conformance_section(records, conformance, misses)
            else:
                section = petrarch_section(records, _coder(actors, agents, verbs), misses)
            _show(section)
            _write_json(json_out, section.to_dict())
            if report is not None:
                _write_failures(report, section)

        _run(body)

    @group.command("extraction")
    def extraction(
        ground_truth: Path = typer.Argument(..., help="Zyte-format ground-truth.json."),
        html_dir: Path = typer.Argument(
            ..., help="Folder of the benchmark's HTML pages (.html or .html.gz)."
        ),
        flatten: bool = typer.Option(
            False, "--flatten", help="Score the cleaner on flattened page text instead of the HTML path."
        ),
        json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
    ) -> None:
        """Article-body token F1 against the Zyte extraction benchmark."""

        def body() -> None:
            from eventwire.eval.runner import extraction_section

            _existing(ground_truth, "ground truth")
            _existing(html_dir, "HTML folder")
            section = extraction_section(ground_truth, html_dir, flatten=flatten)
            _show(section)
            _write_json(json_out, section.to_dict())

        _run(body)

    @group.command("actors")
    def actors_cases(
        cases: list[Path] | None = typer.Argument(
            None, help="Case files or folders (TSV; default: the repository's tests/actors/cases)."
        ),
        json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
        misses: int = typer.Option(20, "--misses", help=MISSES_HELP),
        user: list[Path] | None = typer.Option(None, "--user", help="Extra YAML/CSV actor file (repeatable)"),
    ) -> None:
        """Look each (name, date) case up in the actor knowledge base; pass rate per region and kind."""

        def body() -> None:
            from eventwire.actors import ActorResolver, KnowledgeBase
            from eventwire.eval.actors import DEFAULT_CASES, actor_tables, case_files, run
            from eventwire.eval.tables import print_tables

            targets = list(cases or [DEFAULT_CASES])
            if not case_files(targets):
                raise InputError(", ".join(map(str, targets)), "no .tsv case files")
            resolver = ActorResolver(KnowledgeBase.load(user_files=user or []))
            result = run(targets, resolver)
            print_tables(actor_tables(result, misses))
            for problem in result.problems:
                typer.echo(f"skipped: {problem}", err=True)
            _write_json(json_out, result.to_dict())

        _run(body)

    @group.command("places")
    def places(
        gold: Path = typer.Argument(
            Path("../shared/data/eventloc/event_location_train.jsonl"),
            help="Event-location file (one marked sentence a line).",
        ),
        part: list[str] = typer.Option(["check"], "--part", help="Part to score: check (default) or tune."),
        coder: bool = typer.Option(True, "--coder/--no-coder", help="Also run the full event coder."),
        json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
        misses: int = typer.Option(10, "--misses", help=MISSES_HELP),
    ) -> None:
        """Event found on the marked verb; place right when one is named, left empty when none is."""

        def body() -> None:
            from eventwire.eval.places import evaluate, format_table
            from eventwire.eval.places_data import CHECK, TUNE

            _existing(gold, "event-location file")
            for name in part:
                if name not in (CHECK, TUNE):
                    raise InputError(name, "--part must be check or tune")
            result = evaluate(gold, part, with_coder=coder)
            typer.echo(format_table(result))
            for name, kinds in result["misses"].items():
                for kind, rows in kinds.items():
                    for row in rows[:misses]:
                        typer.echo(f"miss ({name}, {kind}): {json.dumps(row, ensure_ascii=False)}", err=True)
            _write_json(json_out, result)

        _run(body)

    @group.command("all")
    def run_all(
        shared: Path = typer.Option(Path("../shared"), "--shared", help="The shared reference-data folder."),
        report: Path | None = typer.Option(None, "--report", help="Write the Markdown report here."),
        json_out: Path | None = typer.Option(None, "--json", help=JSON_HELP),
        misses: int = typer.Option(30, "--misses", help="How many misses per set to list in the report."),
    ) -> None:
        """Run every dev set present under --shared and write the accuracy report."""

        def body() -> None:
            from eventwire.eval import runner
            from eventwire.eval.report import write_report
            from eventwire.eval.tables import print_tables

            _existing(shared, "shared folder")
            sections = runner.run_all(shared, lambda: _coder(), misses)
            if not sections:
                typer.echo(f"no dev sets found under {shared}", err=True)
            for section in sections:
                print_tables(section.tables[:3])
            if report is not None:
                args = ["eventwire", "eval", "all", "--shared", str(shared), "--report", str(report)]
                command = " ".join(shlex.quote(a) for a in args)
                write_report(report, sections, command)
                typer.echo(f"wrote {report}", err=True)
            _write_json(json_out, [s.to_dict() for s in sections])

        _run(body)
