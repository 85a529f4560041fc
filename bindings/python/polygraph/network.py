"""Exact network reachability over loaded AWS configuration.

    import polygraph

    model = polygraph.load_model("infra/")
    answer = model.reach("internet", "Database", port=5432, protocol="tcp")
    if not answer["reachable"]:
        for part in answer["stopped"]:
            print(part["stopped_by"]["kind"], part["stopped_by"]["rule"])
    for workload in model.exposed():
        print(workload["kind"], workload["workload"], workload["reachable"])

Answers are the library's JSON (the schema in include/polygraph/reach_report.h,
the same as `polygraph reach --format json`), parsed into dicts and lists:

    reach() -> {"from", "to",
                "reachable": [Packets...],          # [] when nothing gets through
                "flows": [{"packets": [Packets...], "steps": [Step...]}...],
                "stopped": [{"packets": [Packets...], "stopped_by": Step}...]}
    exposed() -> [{"workload", "kind", "file", "line", "column",
                   "reachable": [Packets...], "flows": [...]}...]
    Packets = {"protocol", "sources", "destinations", "ports"}
    Step = {"kind", "resource", "rule", "file", "line", "column"}

format="text" or "dot" returns the CLI's text or Graphviz DOT instead.

A Model is immutable; its network is built on the first question and shared.
Every call runs without the GIL, so threads may ask questions at once.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from . import _core

__all__ = ["Model", "load_model"]


class Model:
    """A loaded model that answers reachability questions."""

    def __init__(self, core: "_core.LoadedModel") -> None:
        self._core = core

    @property
    def files(self) -> Tuple[str, ...]:
        """The files read, in the order given."""
        return tuple(self._core.files)

    @property
    def diagnostics(self) -> Tuple[Any, ...]:
        """Notes and warnings from loading, then from building the network."""
        from . import _diagnostic  # the package's converter

        return tuple(_diagnostic(d) for d in self._core.diagnostics) + tuple(
            _diagnostic(d) for d in self._core.network_diagnostics
        )

    def reach(
        self,
        source: str,
        destination: str,
        port: Optional[int] = None,
        protocol: Optional[str] = None,
        *,
        format: Optional[str] = None,
    ) -> Union[Dict[str, Any], str]:
        """What gets from `source` to `destination`, and what stops the rest.

        Args:
          source: "internet", a CIDR ("10.0.0.0/16") or the name (logical id)
            of a workload, security group or subnet.
          destination: the name of a workload, security group or subnet.
          port: only this destination port (selects tcp and udp).
          protocol: only this protocol: "tcp", "udp", "icmp", a number.
          format: None for the parsed dict; "json", "text" or "dot" for text.

        Raises:
          polygraph.Error: an unknown name (the message lists the closest
            names), a malformed CIDR, an unknown protocol, a bad port.
        """
        text = self._core.reach(
            source, destination, port, protocol or "", format or "json"
        )
        return text if format else json.loads(text)

    def exposed(
        self, *, format: Optional[str] = None
    ) -> Union[List[Dict[str, Any]], str]:
        """Every workload reachable from the internet, with its protocols,
        ports and the rules that admit them (format as for reach())."""
        text = self._core.exposed(format or "json")
        return text if format else json.loads(text)["exposed"]


def load_model(
    paths: Any,
    *,
    recursive: bool = True,
    skip_hidden: bool = True,
    parameters: Optional[Mapping[str, str]] = None,
    parameter_files: Any = None,
    variables: Optional[Mapping[str, str]] = None,
    variable_files: Any = None,
) -> Model:
    """Loads files and folders into a Model (raises as polygraph.check();
    parameters, parameter_files, variables and variable_files as for
    polygraph.check())."""
    from . import _parameters, _paths

    return Model(
        _core.load_model(
            _paths(paths),
            recursive,
            skip_hidden,
            _parameters(parameters),
            _paths(parameter_files) if parameter_files is not None else [],
            _parameters(variables),
            _paths(variable_files) if variable_files is not None else [],
        )
    )
