"""Least privilege: exact comparison, custom policy checks, minimization,
effective permissions, risk categories and privilege-escalation paths.

Re-exported by polygraph.iam; see its docstring for examples.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from . import Location

PolicyArg = Union[Mapping[str, Any], str, "os.PathLike[str]"]
SideArg = Union[PolicyArg, Sequence[PolicyArg]]
PathArg = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Witness:
    """A request one side allows and the other does not.

    request is a dict as polygraph.iam.decide takes it; allowed and denied
    are the two sides' decisions (polygraph.iam.Decision).
    """

    request: Dict[str, Any]
    allowed: Any
    denied: Any


@dataclass(frozen=True)
class Comparison:
    """compare(a, b): what b allows that a does not, and the converse."""

    only_b_actions: Tuple[str, ...]
    only_a_actions: Tuple[str, ...]
    only_b: Tuple[Witness, ...]  # requests b allows and a does not
    only_a: Tuple[Witness, ...]
    unknown_actions: Tuple[str, ...]  # compared as distinct from every known
    notes: Tuple[str, ...]  # anything that limited exactness

    @property
    def b_allows_more(self) -> bool:
        return bool(self.only_b_actions)

    @property
    def a_allows_more(self) -> bool:
        return bool(self.only_a_actions)

    @property
    def equivalent(self) -> bool:
        return not self.b_allows_more and not self.a_allows_more


@dataclass(frozen=True)
class CheckOutcome:
    """The result of a custom policy check."""

    passed: bool
    actions: Tuple[str, ...]
    witnesses: Tuple[Witness, ...]
    notes: Tuple[str, ...]


@dataclass(frozen=True)
class Minimized:
    """minimize(policy, used): the smallest policy for the used accesses."""

    policy: Dict[str, Any]  # the policy document
    proven: bool  # Compare proved it allows nothing the original does not
    original_allows_more: Tuple[str, ...]  # actions removed
    not_allowed_by_original: Tuple[Dict[str, Any], ...]
    unknown_actions: Tuple[str, ...]


def compare(a: SideArg, b: SideArg, *, max_witnesses: int = 20) -> Comparison:
    """Does b allow any request that a does not (and the converse)? Exact.

    Each side is a policy (dict, path or JSON text) or a sequence of them:
    identity policies, plus at most one policy naming principals, which is
    the resource policy. Every witness was checked with decide().
    """
    text = _core.iam_compare(_side(a, "a"), _side(b, "b"), max_witnesses)
    return _comparison(json.loads(text))


def check_no_new_access(existing: SideArg, updated: SideArg, *, max_witnesses: int = 20) -> CheckOutcome:
    """Passes when updated allows nothing that existing does not."""
    comparison = compare(existing, updated, max_witnesses=max_witnesses)
    return CheckOutcome(
        passed=not comparison.b_allows_more,
        actions=comparison.only_b_actions,
        witnesses=comparison.only_b,
        notes=comparison.notes,
    )


def check_access_not_granted(
    policies: SideArg,
    actions: Iterable[str],
    resources: Iterable[str] = (),
    *,
    max_witnesses: int = 20,
) -> CheckOutcome:
    """Passes when the policies allow none of actions (patterns allowed) on
    any of resources (empty: any resource)."""
    text = _core.iam_check_access_not_granted(
        _side(policies, "policy"), list(actions), list(resources), max_witnesses
    )
    return _outcome(json.loads(text))


def check_no_public_access(policy: PolicyArg, resource_type: str, *, max_witnesses: int = 20) -> CheckOutcome:
    """Passes when the resource policy grants no access outside the account
    (resource_type as AWS names it, e.g. "AWS::S3::Bucket")."""
    text = _core.iam_check_no_public_access(_source(policy, "policy"), resource_type, max_witnesses)
    return _outcome(json.loads(text))


def minimize(policy: PolicyArg, used: Union[PathArg, Sequence[str]], *, wildcards: bool = True) -> Minimized:
    """The smallest policy that allows exactly the used accesses.

    used is a path to CloudTrail events, an Access Advisor export or a text
    file of "service:Action [resource]" lines, or a list of such lines.
    """
    if isinstance(used, (list, tuple)):
        used_source = ("<used>", "\n".join(used) + "\n")
    elif isinstance(used, (str, os.PathLike)):
        path = os.fspath(used)
        with open(path, "rb") as f:
            used_source = (os.fsdecode(path), f.read().decode("utf-8", "surrogateescape"))
    else:
        raise TypeError(f"used must be a path or a list of lines, not {type(used).__name__}")
    data = json.loads(_core.iam_minimize(_source(policy, "policy"), used_source, wildcards))
    return Minimized(
        policy=data["policy"],
        proven=data["proven"],
        original_allows_more=tuple(data["original_allows_more"]),
        not_allowed_by_original=tuple(data["not_allowed_by_original"]),
        unknown_actions=tuple(data["unknown_actions"]),
    )


@dataclass(frozen=True)
class EscalationStep:
    """One edge of the privilege-escalation graph."""

    source: str  # principal name
    target: str
    technique: str  # "assume-role", "pass-role", "policy-write", ...
    actions: Tuple[str, ...]
    service: str  # for pass-role: the service the role is passed to
    explanation: str
    locations: Tuple[Location, ...]  # the statements that enable it


class Account:
    """The roles and users of templates, Terraform folders or snapshots,
    analysed once: effective permissions, risks, escalation graph.

    Thread-safe: immutable; queries run without the GIL.
    """

    def __init__(self, paths: Union[PathArg, Iterable[PathArg]]) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self._core = _core.IamAccount([os.fspath(p) for p in paths])

    @property
    def principals(self) -> List[str]:
        """The names of the roles and users read."""
        return list(self._core.names())

    def who_can(self, principal: str) -> Dict[str, List[EscalationStep]]:
        """Every other principal that can reach principal (name or ARN),
        with a shortest escalation path."""
        data = json.loads(self._core.who_can(principal))
        return {p["name"]: [_step(e) for e in p["path"]] for p in data["principals"]}

    def paths(self, source: str, target: str, *, max_paths: int = 10) -> List[List[EscalationStep]]:
        """Shortest escalation paths from source to target."""
        data = json.loads(self._core.paths(source, target, max_paths))
        return [[_step(e) for e in path] for path in data["paths"]]

    def permissions(self, principal: Optional[str] = None) -> List[Dict[str, Any]]:
        """Effective permissions, risks and any path to administrator, per
        principal (all when principal is None), as dicts."""
        return json.loads(self._core.permissions(principal))["principals"]


def _step(edge: Mapping[str, Any]) -> EscalationStep:
    return EscalationStep(
        source=edge["from"],
        target=edge["to"],
        technique=edge["technique"],
        actions=tuple(edge["actions"]),
        service=edge["service"],
        explanation=edge["explanation"],
        locations=tuple(Location(s["file"], s["line"], s["column"]) for s in edge["statements"]),
    )


def _decision(data: Mapping[str, Any]) -> Any:
    from .iam import Decision, DecidingStatement

    return Decision(
        decision=data["decision"],
        reason=data["reason"],
        statements=tuple(
            DecidingStatement(
                role=s["role"],
                level=s["level"],
                policy_index=s["policy"],
                statement_index=s["statement"],
                sid=s["sid"],
                effect=s["effect"],
                location=Location(s["file"], s["line"], s["column"]),
            )
            for s in data["statements"]
        ),
        missing_context_keys=tuple(data["missing_context_keys"]),
    )


def _witness(data: Mapping[str, Any]) -> Witness:
    return Witness(
        request=dict(data["request"]),
        allowed=_decision(data["allowed"]),
        denied=_decision(data["denied"]),
    )


def _comparison(data: Mapping[str, Any]) -> Comparison:
    return Comparison(
        only_b_actions=tuple(data["only_b_actions"]),
        only_a_actions=tuple(data["only_a_actions"]),
        only_b=tuple(_witness(w) for w in data["only_b"]),
        only_a=tuple(_witness(w) for w in data["only_a"]),
        unknown_actions=tuple(data["unknown_actions"]),
        notes=tuple(data["notes"]),
    )


def _outcome(data: Mapping[str, Any]) -> CheckOutcome:
    return CheckOutcome(
        passed=data["pass"],
        actions=tuple(data["actions"]),
        witnesses=tuple(_witness(w) for w in data["witnesses"]),
        notes=tuple(data["notes"]),
    )


def _source(policy: PolicyArg, name: str) -> Tuple[str, str]:
    from .iam import _source as source

    return source(policy, name)


def _side(side: SideArg, name: str) -> List[Tuple[str, str]]:
    if isinstance(side, (Mapping, str, os.PathLike)):
        return [_source(side, name)]
    return [_source(p, f"{name}[{i}]") for i, p in enumerate(side)]
