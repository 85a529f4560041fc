"""polygraph: checks AWS configuration against rules, with file:line:col.

    import polygraph

    result = polygraph.check("infra/")            # a path, or a list of paths
    for finding in result.findings:
        print(finding.location, finding.rule_id, finding.message)
    if result.fails("high"):
        ...

    polygraph.rules()                             # the built-in rules
    polygraph.graph("infra/", format="dot")       # Graphviz text

    model = polygraph.load_model("infra/")        # network reachability
    model.reach("internet", "Database", port=5432)["reachable"]
    model.exposed()                               # workloads the internet reaches

    from polygraph import iam                     # IAM decisions, validation
    iam.decide(request, policies=[policy]).decision   # "Allow", ...

Reads IAM policy JSON, CloudFormation templates (YAML or JSON), Terraform
configurations (the .tf files of a folder, local modules followed) and
`terraform show -json` output, ECS task definitions and AWS account
snapshots; other files found in folders (.tf.json, Markdown...) are listed
as "not-analysed" diagnostics. A file polygraph cannot read raises InputError
(with .file, .line, .column); a path that does not exist raises
NotFoundError; both are polygraph.Error.

Every function here is thread-safe and runs the library without holding the
GIL, so several threads may check at once. Results are immutable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    Mapping,
    Optional,
    Tuple,
    Union,
)

from . import _core
from .errors import Error, InputError, NotFoundError

__all__ = [
    "Diagnostic",
    "Error",
    "Finding",
    "HostRule",
    "InputError",
    "Location",
    "NotFoundError",
    "Result",
    "Rule",
    "SEVERITIES",
    "check",
    "cidr",
    "format_junit",
    "format_markdown",
    "format_sarif",
    "diff",
    "graph",
    "iam",
    "load_model",
    "Model",
    "network",
    "rules",
    "write_baseline",
    "__version__",
]

__version__: str = _core.version()

# Severity names from lowest to highest; Result.fails() compares by position.
SEVERITIES: Tuple[str, ...] = tuple(_core.severities())

PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
Paths = Union[PathArg, Iterable[PathArg]]


@dataclass(frozen=True)
class Location:
    """Where a value came from: file, 1-based line and byte column.

    line and column are 0 when unknown (e.g. a note about a whole file).
    """

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file or "<unknown>"
        return f"{self.file or '<input>'}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One rule violated at one place, with the evidence and the fix."""

    rule_id: str  # e.g. "PG-S3-001"
    severity: str  # one of SEVERITIES
    title: str  # the rule's title
    location: Location  # the offending value, else the resource
    resource: str  # the resource at fault, e.g. "AssetsBucket"
    message: str  # names the offending value
    fix: str  # what to change

    def __str__(self) -> str:
        return f"{self.location}: {self.severity} {self.rule_id} {self.message}"


@dataclass(frozen=True)
class Diagnostic:
    """Something polygraph says about its input that is not a finding."""

    level: str  # "note", "warning" or "error"
    code: str  # e.g. "not-analysed", "symbolic-value"
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.level}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class Result:
    """What check() found: findings sorted by file, line, column, rule id."""

    findings: Tuple[Finding, ...]
    diagnostics: Tuple[Diagnostic, ...]
    files: Tuple[str, ...]  # the files analysed
    # Findings a suppression or the baseline hides, in the same order, as
    # (finding, kind, reason, location of the suppression); kind is
    # "inline", "metadata", "tag" or "baseline".
    suppressed: Tuple[Tuple[Finding, str, str, Location], ...] = ()

    def fails(self, severity: str) -> bool:
        """True when any finding is at or above `severity` (e.g. "high")."""
        threshold = _severity_rank(severity)
        return any(_severity_rank(f.severity) >= threshold for f in self.findings)

    @property
    def has_errors(self) -> bool:
        """True when any diagnostic is an error (part of the input or a rule
        was not decided, e.g. a "rule-error")."""
        return any(d.level == "error" for d in self.diagnostics)


@dataclass(frozen=True)
class HostRule:
    """A rule decided by a Python callable (docs/rule-language.md).

    `check` is called once per resource of `kinds` (every resource when
    empty) with a dict: name, type, kind, file, line, column and properties
    (plain Python data). It returns a list of findings, each a dict or an
    object with `message` and optionally `fix`, `severity`, `line`,
    `column`; the rule's id, title and severity and the resource's name and
    location fill in the rest. An exception becomes an error diagnostic
    "rule-error" naming the rule and the resource; check() does not raise.
    """

    id: str  # [A-Z][A-Z0-9]*(-[A-Z0-9]+)+, e.g. "ACME-TAG-001"
    title: str
    severity: str  # one of SEVERITIES
    check: Callable[[Dict[str, Any]], Iterable[Any]]
    kinds: Tuple[str, ...] = ()  # resource kind names, e.g. "bucket"
    category: str = "custom"
    remediation: str = ""


@dataclass(frozen=True)
class Rule:
    """A built-in rule's metadata."""

    id: str  # PG-<DOMAIN>-<NNN>
    title: str
    severity: str  # its findings' severity (a check may raise it)
    category: str  # e.g. "iam", "network", "storage"
    rationale: str
    remediation: str
    references: Tuple[str, ...]  # guide sections, then AWS documentation
    check: str  # the C++ check that decides it
    location: Location  # of its metadata file


def check(
    paths: Paths,
    *,
    only: Optional[Union[str, Iterable[str]]] = None,
    skip: Optional[Union[str, Iterable[str]]] = None,
    recursive: bool = True,
    skip_hidden: bool = True,
    parameters: Optional[Mapping[str, str]] = None,
    parameter_files: Optional[Paths] = None,
    variables: Optional[Mapping[str, str]] = None,
    variable_files: Optional[Paths] = None,
    baseline: Optional[PathArg] = None,
    apply_suppressions: bool = True,
    rules: Optional[Paths] = None,
    host_rules: Optional[Iterable[HostRule]] = None,
) -> Result:
    """Loads files and folders and runs the built-in rules over them.

    Args:
      paths: a path (str, bytes or os.PathLike) or an iterable of paths.
      only: run only these rule ids (default: every rule).
      skip: never run these rule ids.
      recursive: walk folders recursively (default True).
      skip_hidden: skip hidden files and folders such as .git (default True).
      parameters: CloudFormation parameter values by name, replacing their
        Defaults; pseudo parameters too ({"AWS::Region": "eu-west-1"}).
      parameter_files: files of parameter values (create-stack, deploy or
        CodePipeline JSON), read before `parameters`.
      variables: Terraform variable values by name, as terraform's -var
        (an HCL expression for a variable whose type is not string).
      variable_files: .tfvars or .tfvars.json files, as -var-file, read
        before `variables`.
      baseline: a baseline file written by write_baseline() (or the CLI's
        --write-baseline); the findings it lists move to Result.suppressed.
      apply_suppressions: honour "polygraph:ignore" comments, CloudFormation
        Metadata and tags (default True); those findings move to
        Result.suppressed.
      rules: YAML rule files or folders of them (docs/rule-language.md),
        added to the built-in rules. A file that is not a valid rule is an
        error diagnostic "rule-error" (Result.has_errors); the others run.
      host_rules: HostRule objects, rules decided by Python callables.

    Raises:
      NotFoundError: a path does not exist.
      InputError: a file is malformed; .file/.line/.column say where. Also
        when an element was read but left out or not decided (an error
        diagnostic: an invalid value, a bucket policy that does not compile);
        then .result holds the Result with every finding that was decided.
      Error: an unknown rule id in only or skip (checked before any file is
        read).
    """
    core = _core.check(
        _paths(paths),
        _names(only),
        _names(skip),
        recursive,
        skip_hidden,
        _parameters(parameters),
        _paths(parameter_files) if parameter_files is not None else [],
        _parameters(variables),
        _paths(variable_files) if variable_files is not None else [],
        baseline=_paths(baseline)[0] if baseline is not None else "",
        apply_suppressions=apply_suppressions,
        rule_paths=_paths(rules) if rules is not None else [],
        host_rules=[_host_rule(r) for r in host_rules or ()],
    )
    result = Result(
        findings=tuple(_finding(f) for f in core.findings),
        diagnostics=tuple(_diagnostic(d) for d in core.diagnostics),
        files=tuple(core.files),
        suppressed=tuple(
            (
                _finding(s.finding),
                s.suppression.kind,
                s.suppression.reason,
                _location(s.suppression.location),
            )
            for s in core.suppressed
        ),
    )
    for diagnostic in result.diagnostics:
        # A rule that failed is reported, not raised: see Result.has_errors.
        if diagnostic.level == "error" and diagnostic.code != "rule-error":
            # Something was left out or not decided: bad input, so raise,
            # but keep everything that was decided on the exception.
            where = diagnostic.location
            error = InputError(
                f"{where.file}:{where.line}:{where.column}: {diagnostic.message}",
                file=where.file,
                line=where.line,
                column=where.column,
                reason=diagnostic.message,
            )
            error.result = result
            raise error
    return result


def write_baseline(
    result: Result, path: PathArg, root: Optional[PathArg] = None
) -> None:
    """Writes the baseline of `result` to `path`.

    The baseline lists result.findings and the findings a baseline hid, with
    files relative to `root` (default: the current directory), so it stays
    valid when lines are inserted above a finding or the tree moves. Pass it
    to check(baseline=...) to hide those findings.

    Raises:
      OSError: `path` cannot be written.
    """
    findings = list(result.findings) + [
        f for (f, kind, _, _) in result.suppressed if kind == "baseline"
    ]
    text = _core.write_baseline(
        [
            (
                f.rule_id,
                f.location.file,
                f.location.line,
                f.location.column,
                f.resource,
                f.message,
            )
            for f in findings
        ],
        os.fsdecode(root) if root is not None else "",
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def rules() -> List[Rule]:
    """The built-in rules, sorted by id."""
    return [
        Rule(
            id=r.id,
            title=r.title,
            severity=r.severity,
            category=r.category,
            rationale=r.rationale,
            remediation=r.remediation,
            references=tuple(r.references),
            check=r.check,
            location=_location(r.location),
        )
        for r in _core.rules()
    ]


def graph(
    paths: Paths,
    format: str = "json",
    *,
    recursive: bool = True,
    skip_hidden: bool = True,
) -> str:
    """The typed graph of the resources in `paths`, as text.

    format "json" gives {"nodes": [...], "edges": [...]} (json.loads it);
    "dot" gives Graphviz DOT. Raises as check() does, and ValueError for
    another format.
    """
    if format == "json":
        return _core.graph_json(_paths(paths), recursive, skip_hidden)
    if format == "dot":
        return _core.graph_dot(_paths(paths), recursive, skip_hidden)
    raise ValueError(f'format must be "json" or "dot", not {format!r}')


def _host_rule(rule: HostRule) -> tuple:
    kinds = [rule.kinds] if isinstance(rule.kinds, str) else list(rule.kinds)
    return (
        rule.id,
        rule.title,
        rule.severity,
        kinds,
        rule.category,
        rule.remediation,
        rule.check,
    )


def _parameters(parameters: Optional[Mapping[str, str]]) -> Dict[str, str]:
    if parameters is None:
        return {}
    return {str(name): str(value) for name, value in parameters.items()}


def _paths(paths: Paths) -> List[bytes]:
    # As bytes, so that any file name the OS allows reaches the library; the
    # paths in results come back as os.fsdecode() would spell them.
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [os.fsencode(paths)]
    try:
        items = list(paths)
    except TypeError:
        raise TypeError(
            "paths must be a path (str, bytes, os.PathLike) or an iterable of "
            f"paths, not {type(paths).__name__}"
        ) from None
    return [os.fsencode(p) for p in items]


def _names(names: Optional[Union[str, Iterable[str]]]) -> List[str]:
    if names is None:
        return []
    if isinstance(names, str):
        return [names]
    return [str(n) for n in names]


def _severity_rank(severity: str) -> int:
    try:
        return SEVERITIES.index(str(severity).lower())
    except ValueError:
        raise ValueError(
            f"unknown severity {severity!r}; expected one of {', '.join(SEVERITIES)}"
        ) from None


def _location(location: _core.SourceLocation) -> Location:
    return Location(location.file, location.line, location.column)


def _finding(finding: _core.Finding) -> Finding:
    return Finding(
        rule_id=finding.rule_id,
        severity=finding.severity,
        title=finding.title,
        location=_location(finding.location),
        resource=finding.resource,
        message=finding.message,
        fix=finding.fix,
    )


def _diagnostic(diagnostic: _core.Diagnostic) -> Diagnostic:
    return Diagnostic(
        level=diagnostic.level,
        code=diagnostic.code,
        location=_location(diagnostic.location),
        message=diagnostic.message,
    )


# Last: the submodule uses Location above.
from . import iam  # noqa: E402
from . import cidr  # noqa: E402
from . import network  # noqa: E402
from .network import Model, load_model  # noqa: E402
from ._reports import format_junit, format_markdown, format_sarif  # noqa: E402
from .diff import DeltaItem, DiffResult, diff  # noqa: E402
