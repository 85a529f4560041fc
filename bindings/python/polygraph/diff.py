"""What a change does to a configuration: new and fixed findings, and the
access, reachability and exposure it adds.

    import polygraph

    d = polygraph.diff("main-checkout/infra", "infra")
    for finding in d.new_findings:
        print(finding)
    for item in d.delta:
        print(item.kind, item.location, item.description)
    comment = d.markdown  # ready to post on a pull request

Findings are matched by fingerprint over paths relative to each tree's root
(the folder given, or a file's folder), so moved lines do not count as new.
The library's Diff (include/polygraph/diff.h) runs without the GIL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Tuple, Union

from . import Diagnostic, Finding, Location, _core, _names, _parameters, _paths

__all__ = ["DeltaItem", "DiffResult", "diff"]


@dataclass(frozen=True)
class DeltaItem:
    """One change in what the configuration lets happen."""

    kind: str  # "access", "reachability" or "exposure"
    resource: str
    location: Location  # in the head tree, relative path
    description: str  # e.g. "role AppRole may now s3:DeleteObject on ..."

    def __str__(self) -> str:
        where = self.location
        return f"{where.file}:{where.line}:{where.column}: {self.description}"


@dataclass(frozen=True)
class DiffResult:
    new_findings: Tuple[Finding, ...]  # head only, head locations
    fixed_findings: Tuple[Finding, ...]  # base only, base locations
    unchanged: int
    delta: Tuple[DeltaItem, ...]
    base_diagnostics: Tuple[Diagnostic, ...]
    head_diagnostics: Tuple[Diagnostic, ...]
    markdown: str  # a pull-request comment (the CLI's --format markdown)
    text: str  # the CLI's text report

    def fails(self, severity: str = "low") -> bool:
        """True when a new finding is at or above `severity`, or the delta is
        not empty: what `polygraph diff --fail-on` exits 1 for."""
        from . import _severity_rank

        rank = _severity_rank(severity)
        return bool(self.delta) or any(
            _severity_rank(f.severity) >= rank for f in self.new_findings
        )


def diff(
    base,
    head,
    *,
    only: Optional[Union[str, Iterable[str]]] = None,
    skip: Optional[Union[str, Iterable[str]]] = None,
    rules=None,
    parameters: Optional[Mapping[str, str]] = None,
    variables: Optional[Mapping[str, str]] = None,
    base_root=None,
    head_root=None,
) -> DiffResult:
    """Checks `base` and `head` (a path or an iterable of paths each) and
    compares them.

    Args:
      only, skip: rule ids, as for check().
      rules: user rule files or folders (a path or an iterable of paths).
      parameters, variables: CloudFormation parameters and Terraform
        variables, applied to both trees.
      base_root, head_root: the folders paths are made relative to (default:
        the single path given, or its folder).

    Raises:
      NotFoundError, InputError, Error: as check() does for either tree.
    """
    core = _core.diff(
        _paths(base),
        _paths(head),
        _names(only),
        _names(skip),
        _paths(rules) if rules is not None else [],
        _parameters(parameters),
        _parameters(variables),
        _paths(base_root)[0] if base_root is not None else "",
        _paths(head_root)[0] if head_root is not None else "",
    )
    report = json.loads(core["json"])
    return DiffResult(
        new_findings=tuple(_finding(f) for f in report["new_findings"]),
        fixed_findings=tuple(_finding(f) for f in report["fixed_findings"]),
        unchanged=report["unchanged"],
        delta=tuple(
            DeltaItem(
                kind=item["kind"],
                resource=item["resource"],
                location=Location(item["file"], item["line"], item["column"]),
                description=item["description"],
            )
            for item in report["delta"]
        ),
        base_diagnostics=tuple(_diagnostic(d) for d in report["base_diagnostics"]),
        head_diagnostics=tuple(_diagnostic(d) for d in report["head_diagnostics"]),
        markdown=core["markdown"],
        text=core["text"],
    )


def _finding(data) -> Finding:
    return Finding(
        rule_id=data["rule_id"],
        severity=data["severity"],
        title=data["title"],
        location=Location(data["file"], data["line"], data["column"]),
        resource=data["resource"],
        message=data["message"],
        fix=data["fix"],
    )


def _diagnostic(data) -> Diagnostic:
    return Diagnostic(
        level=data["level"],
        code=data["code"],
        location=Location(data["file"], data["line"], data["column"]),
        message=data["message"],
    )
