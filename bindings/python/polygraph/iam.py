"""IAM: exact authorization decisions and policy validation.

    from polygraph import iam

    decision = iam.decide(
        {"principal": "arn:aws:iam::111122223333:user/alice",
         "action": "s3:GetObject",
         "resource": "arn:aws:s3:::logs/2024/a.txt",
         "context": {"aws:SourceIp": "10.0.0.7"}},
        policies=[{"Version": "2012-10-17", "Statement": [...]}])
    decision.decision        # "Allow", "ExplicitDeny" or "ImplicitDeny"
    decision.statements      # the statements that decided, with locations

    authorizer = iam.Authorizer(policies=["role-policy.json"],
                                boundary=["boundary.json"])
    authorizer.decide_many(requests)   # compiled once, many requests

    for issue in iam.validate("policy.json", kind="identity"):
        print(issue.location, issue.code, issue.message)

    c = iam.compare("old.json", "new.json")   # exact, both directions
    c.b_allows_more, c.only_b_actions, c.only_b[0].request
    iam.check_access_not_granted(policy, ["iam:PassRole"]).passed
    iam.check_no_public_access(bucket_policy, "AWS::S3::Bucket").passed
    iam.minimize("policy.json", "cloudtrail.json").policy

    account = iam.Account("templates/")        # roles and users read
    account.who_can("DeployRole")              # {name: [EscalationStep...]}
    account.paths("CiRole", "AdminRole")
    account.permissions("CiRole")              # effective, risks, admin path

A policy is a dict (the parsed JSON), a path (str or os.PathLike) to a JSON
file, or JSON text (a str starting with "{"). A malformed policy or request
raises polygraph.InputError with .file, .line and .column. Decisions follow
AWS's policy evaluation logic: explicit deny wins; SCPs and RCPs must allow
at every level; a resource-based policy can allow on its own within one
account; identity policy, permissions boundary and session policy must all
allow otherwise; a cross-account request needs both sides.

Thread-safe: an Authorizer is immutable and decides without the GIL.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Iterable, List, Mapping, Optional, Tuple, Union

from . import _core
from . import Location, _location

__all__ = [
    "Account",
    "CheckOutcome",
    "Comparison",
    "EscalationStep",
    "Minimized",
    "Witness",
    "check_access_not_granted",
    "check_no_new_access",
    "check_no_public_access",
    "compare",
    "minimize",
    "Authorizer",
    "Decision",
    "DecidingStatement",
    "ValidationIssue",
    "catalogue_version",
    "decide",
    "validate",
]

PolicyArg = Union[Mapping[str, Any], str, "os.PathLike[str]"]
RequestArg = Mapping[str, Any]


@dataclass(frozen=True)
class DecidingStatement:
    """A statement that decided a request."""

    role: str  # "identity", "permissions-boundary", "session", "scp", "rcp", "resource"
    level: int  # the organization level for SCPs and RCPs, else 0
    policy_index: int  # which policy of that role (and level)
    statement_index: int  # which statement of the policy
    sid: str
    effect: str  # "Allow" or "Deny"
    location: Location


@dataclass(frozen=True)
class Decision:
    """The answer to one request."""

    decision: str  # "Allow", "ExplicitDeny" or "ImplicitDeny"
    reason: str  # one sentence
    statements: Tuple[DecidingStatement, ...]
    missing_context_keys: Tuple[str, ...]  # keys conditions read but lacked

    @property
    def allowed(self) -> bool:
        return self.decision == "Allow"


@dataclass(frozen=True)
class ValidationIssue:
    """One problem found in a policy."""

    code: str  # stable, e.g. "MISSING_EFFECT"
    category: str  # "error", "security-warning", "warning" or "suggestion"
    location: Location
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.location}: {self.category} {self.code} {self.message}"


class Authorizer:
    """A compiled set of policies that decides many requests quickly.

    Args:
      policies: identity-based policies of the principal.
      boundary: the permissions boundary (None: no boundary).
      session: session policies (None: none).
      scps: service control policies, one sequence per organization level
        (root, OUs, account); every level must allow.
      rcps: resource control policies, per level like scps.
      resource_policy: the resource-based policy (bucket policy, key
        policy, trust policy...).
    """

    def __init__(
        self,
        policies: Iterable[PolicyArg] = (),
        *,
        boundary: Optional[Iterable[PolicyArg]] = None,
        session: Optional[Iterable[PolicyArg]] = None,
        scps: Iterable[Iterable[PolicyArg]] = (),
        rcps: Iterable[Iterable[PolicyArg]] = (),
        resource_policy: Optional[PolicyArg] = None,
    ) -> None:
        self._core = _core.IamAuthorizer(
            _sources(policies, "policy"),
            None if boundary is None else _sources(boundary, "boundary"),
            None if session is None else _sources(session, "session"),
            [_sources(level, f"scp[{i}]") for i, level in enumerate(scps)],
            [_sources(level, f"rcp[{i}]") for i, level in enumerate(rcps)],
            None if resource_policy is None else _source(resource_policy, "resource-policy"),
        )

    def decide(self, request: RequestArg) -> Decision:
        """Decides one request: a dict with principal, action, and optionally
        resource, resource_account and context (key -> value or list)."""
        return _decision(self._core.decide(_request_json(request)))

    def decide_many(self, requests: Iterable[RequestArg]) -> List[Decision]:
        """Decides requests in order; faster than decide() in a loop."""
        texts = [_request_json(r) for r in requests]
        return [_decision(d) for d in self._core.decide_many(texts)]


def decide(
    request: RequestArg,
    policies: Iterable[PolicyArg] = (),
    *,
    boundary: Optional[Iterable[PolicyArg]] = None,
    session: Optional[Iterable[PolicyArg]] = None,
    scps: Iterable[Iterable[PolicyArg]] = (),
    rcps: Iterable[Iterable[PolicyArg]] = (),
    resource_policy: Optional[PolicyArg] = None,
) -> Decision:
    """Decides one request against the given policies (see Authorizer)."""
    return Authorizer(
        policies,
        boundary=boundary,
        session=session,
        scps=scps,
        rcps=rcps,
        resource_policy=resource_policy,
    ).decide(request)


def validate(policy: PolicyArg, kind: str = "any") -> List[ValidationIssue]:
    """Validates a policy; kind is "identity", "resource", "trust" or "any".

    Malformed JSON raises InputError; everything else is an issue.
    """
    return [
        ValidationIssue(
            code=i.code,
            category=i.category,
            location=_location(i.location),
            message=i.message,
            fix=i.fix,
        )
        for i in _core.iam_validate(_source(policy, "policy"), kind)
    ]


def catalogue_version() -> str:
    """Where the compiled-in action catalogue comes from, and its version."""
    return _core.iam_catalogue_version()


def _source(policy: PolicyArg, name: str) -> Tuple[str, str]:
    if isinstance(policy, Mapping):
        return (f"<{name}>", json.dumps(policy))
    if isinstance(policy, str) and policy.lstrip().startswith("{"):
        return (f"<{name}>", policy)
    if isinstance(policy, (str, os.PathLike)):
        path = os.fspath(policy)
        with open(path, "rb") as f:
            return (os.fsdecode(path), f.read().decode("utf-8", "surrogateescape"))
    raise TypeError(
        f"a policy must be a dict, a path or JSON text, not {type(policy).__name__}"
    )


def _sources(policies: Iterable[PolicyArg], name: str) -> List[Tuple[str, str]]:
    if isinstance(policies, (Mapping, str, os.PathLike)):
        raise TypeError(f"{name}: expected a sequence of policies, not one policy")
    return [_source(p, f"{name}[{i}]") for i, p in enumerate(policies)]


def _request_json(request: RequestArg) -> str:
    if not isinstance(request, Mapping):
        raise TypeError(f"a request must be a dict, not {type(request).__name__}")
    return json.dumps(dict(request))


def _decision(core: "_core.Decision") -> Decision:
    return Decision(
        decision=core.kind,
        reason=core.reason,
        statements=tuple(
            DecidingStatement(
                role=s.role,
                level=s.level,
                policy_index=s.policy_index,
                statement_index=s.statement_index,
                sid=s.sid,
                effect=s.effect,
                location=_location(s.location),
            )
            for s in core.statements
        ),
        missing_context_keys=tuple(core.missing_context_keys),
    )


from ._iam_access import (  # noqa: E402  (they use the helpers above)
    Account,
    CheckOutcome,
    Comparison,
    EscalationStep,
    Minimized,
    Witness,
    check_access_not_granted,
    check_no_new_access,
    check_no_public_access,
    compare,
    minimize,
)
