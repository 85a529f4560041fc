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

from .errors import Error as Error
from .errors import InputError as InputError
from .errors import NotFoundError as NotFoundError
from . import iam as iam
from . import cidr as cidr
from . import network as network
from .network import Model as Model
from .network import load_model as load_model
from ._reports import format_junit as format_junit
from ._reports import format_markdown as format_markdown
from ._reports import format_sarif as format_sarif
from .diff import DeltaItem as DeltaItem
from .diff import DiffResult as DiffResult
from .diff import diff as diff

__version__: str
SEVERITIES: Tuple[str, ...]

PathArg = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]
Paths = Union[PathArg, Iterable[PathArg]]

@dataclass(frozen=True)
class Location:
    file: str
    line: int = ...
    column: int = ...

@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    title: str
    location: Location
    resource: str
    message: str
    fix: str

@dataclass(frozen=True)
class Diagnostic:
    level: str
    code: str
    location: Location
    message: str

@dataclass(frozen=True)
class Result:
    findings: Tuple[Finding, ...]
    diagnostics: Tuple[Diagnostic, ...]
    files: Tuple[str, ...]
    suppressed: Tuple[Tuple[Finding, str, str, Location], ...] = ...
    def fails(self, severity: str) -> bool: ...
    @property
    def has_errors(self) -> bool: ...

@dataclass(frozen=True)
class HostRule:
    id: str
    title: str
    severity: str
    check: Callable[[Dict[str, Any]], Iterable[Any]]
    kinds: Tuple[str, ...] = ...
    category: str = ...
    remediation: str = ...

@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    category: str
    rationale: str
    remediation: str
    references: Tuple[str, ...]
    check: str
    location: Location

def check(
    paths: Paths,
    *,
    only: Optional[Union[str, Iterable[str]]] = ...,
    skip: Optional[Union[str, Iterable[str]]] = ...,
    recursive: bool = ...,
    skip_hidden: bool = ...,
    parameters: Optional[Mapping[str, str]] = ...,
    parameter_files: Optional[Paths] = ...,
    variables: Optional[Mapping[str, str]] = ...,
    variable_files: Optional[Paths] = ...,
    baseline: Optional[PathArg] = ...,
    apply_suppressions: bool = ...,
    rules: Optional[Paths] = ...,
    host_rules: Optional[Iterable[HostRule]] = ...,
) -> Result: ...
def write_baseline(
    result: Result, path: PathArg, root: Optional[PathArg] = ...
) -> None: ...
def rules() -> List[Rule]: ...
def graph(
    paths: Paths,
    format: str = ...,
    *,
    recursive: bool = ...,
    skip_hidden: bool = ...,
) -> str: ...
