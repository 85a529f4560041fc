from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from . import Diagnostic, Paths

class Model:
    @property
    def files(self) -> Tuple[str, ...]: ...
    @property
    def diagnostics(self) -> Tuple[Diagnostic, ...]: ...
    def reach(
        self,
        source: str,
        destination: str,
        port: Optional[int] = ...,
        protocol: Optional[str] = ...,
        *,
        format: Optional[str] = ...,
    ) -> Union[Dict[str, Any], str]: ...
    def exposed(
        self, *, format: Optional[str] = ...
    ) -> Union[List[Dict[str, Any]], str]: ...

def load_model(
    paths: Paths,
    *,
    recursive: bool = ...,
    skip_hidden: bool = ...,
    parameters: Optional[Mapping[str, str]] = ...,
    parameter_files: Optional[Paths] = ...,
    variables: Optional[Mapping[str, str]] = ...,
    variable_files: Optional[Paths] = ...,
) -> Model: ...
