import os
from dataclasses import dataclass
from typing import Iterable, List, Mapping, Optional, Tuple, Union

from .errors import Error as Error
from .errors import InputError as InputError
from .errors import NotFoundError as NotFoundError
from . import iam as iam
from . import cidr as cidr
from . import network as network
from .network import Model as Model
from .network import load_model as load_model

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
    def fails(self, severity: str) -> bool: ...

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
) -> Result: ...
def rules() -> List[Rule]: ...
def graph(
    paths: Paths,
    format: str = ...,
    *,
    recursive: bool = ...,
    skip_hidden: bool = ...,
) -> str: ...
