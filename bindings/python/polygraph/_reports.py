"""Report formats for a polygraph.Result: SARIF, Markdown and JUnit.

    result = polygraph.check("infra/")
    open("results.sarif", "w").write(polygraph.format_sarif(result))

The text is what `polygraph check --format sarif|markdown|junit` prints for
the same result (see include/polygraph/report.h). The SARIF and JUnit
reports list every built-in rule; a rule that is not built in (a rule file,
a host rule) appears with the id, title and severity of its findings.

Thread-safe; the formatting runs without the GIL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Tuple

from . import _core

if TYPE_CHECKING:
    from . import Result

__all__ = ["format_junit", "format_markdown", "format_sarif"]


def _text(text: str) -> bytes:
    # Text that came from bytes (os.fsdecode) round-trips.
    return text.encode("utf-8", "surrogateescape")


def _finding(f: Any) -> Tuple[Any, ...]:
    where = f.location
    return (
        _text(f.rule_id),
        _text(f.severity),
        _text(f.title),
        _text(where.file),
        where.line,
        where.column,
        _text(f.resource),
        _text(f.message),
        _text(f.fix),
    )


def _format(kind: str, result: "Result") -> str:
    suppressed: List[Tuple[Any, ...]] = []
    for finding, suppression_kind, reason, where in getattr(result, "suppressed", ()):
        suppressed.append(
            (_finding(finding), _text(suppression_kind), _text(reason), _text(where.file), where.line, where.column)
        )
    diagnostics = [
        (_text(d.level), _text(d.code), _text(d.location.file), d.location.line, d.location.column, _text(d.message))
        for d in result.diagnostics
    ]
    return _core.format_report(
        kind,
        [_finding(f) for f in result.findings],
        suppressed,
        diagnostics,
        [_text(f) for f in result.files],
    )


def format_sarif(result: "Result") -> str:
    """`result` as a SARIF 2.1.0 log (JSON text) for code scanning.

    File URIs are relative to the current directory when the files are under
    it; suppressed findings are results with a `suppressions` entry.
    """
    return _format("sarif", result)


def format_markdown(result: "Result") -> str:
    """`result` as Markdown for a pull-request comment."""
    return _format("markdown", result)


def format_junit(result: "Result") -> str:
    """`result` as JUnit XML: a test suite per rule, a failure per finding."""
    return _format("junit", result)
