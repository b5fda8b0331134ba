"""eval stage: accuracy against gold sets, and the report in ``reports/accuracy.md``.

Evaluators take a ``BatchCoder`` (``eval.coders``), never a model, so scoring is
testable with fakes; ``eval.runner.load_coder`` wraps the real ``Pipeline``.

* ``eval.plover`` — PLOVER gold-standard records: event type (any event / main
  event), source and target country P/R/F1, full match, confusion matrix, misses.
* ``eval.quad`` — ``sentence<TAB>label`` quad classes of each sentence's main event.
* ``eval.petrarch`` — PETRARCH-style validation records, pass rate per category.
* ``eval.extraction`` (ingest stage) — Zyte article-body token F1; wired in by
  ``eval.extraction_report``.
* ``eval.metrics`` — the arithmetic; ``eval.codes`` — gold-comparable actor codes;
  ``eval.tables`` / ``eval.report`` — console tables and the Markdown report.

Scoring policies are documented in each module's docstring and repeated in the report.
"""
