"""polygraph.iam least privilege: compare, the custom checks, minimize, and
Account (who_can, paths, permissions). Witnesses are re-decided with
polygraph.iam.decide."""

import os
from pathlib import Path

import pytest

import polygraph
from polygraph import iam

SOURCE_DIR = Path(os.environ.get("POLYGRAPH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE_DIR / "examples" / "iam" / "least-privilege"


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


READ = policy({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})
READ_WRITE = policy({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                     "Resource": "arn:aws:s3:::b/*"})


def test_compare_gives_witnesses_decide_confirms():
    c = iam.compare(READ, READ_WRITE)
    assert c.b_allows_more and not c.a_allows_more
    assert c.only_b_actions == ("s3:PutObject",)
    assert c.only_b
    for w in c.only_b:
        assert w.allowed.allowed and not w.denied.allowed
        assert iam.decide(w.request, [READ_WRITE]).allowed
        assert not iam.decide(w.request, [READ]).allowed


def test_compare_equivalence_and_files():
    split = policy({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
                   {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/x"})
    assert iam.compare(READ, split).equivalent
    from_files = iam.compare(EXAMPLES / "old-policy.json", EXAMPLES / "new-policy.json")
    assert "s3:PutObject" in from_files.only_b_actions


def test_checks():
    assert iam.check_no_new_access(READ_WRITE, READ).passed
    outcome = iam.check_no_new_access(READ, READ_WRITE)
    assert not outcome.passed and outcome.witnesses
    assert not iam.check_access_not_granted(READ_WRITE, ["s3:Put*"]).passed
    assert iam.check_access_not_granted(READ_WRITE, ["s3:PutObject"], ["arn:aws:s3:::other/*"]).passed
    public = policy({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                     "Resource": "arn:aws:s3:::b/*"})
    assert not iam.check_no_public_access(public, "AWS::S3::Bucket").passed


def test_minimize_from_lines():
    m = iam.minimize(READ_WRITE, ["s3:GetObject arn:aws:s3:::b/logo.png"])
    assert m.proven
    assert "s3:PutObject" in m.original_allows_more
    assert iam.decide({"principal": "arn:aws:iam::111122223333:user/u",
                       "action": "s3:GetObject", "resource": "arn:aws:s3:::b/logo.png"},
                      [m.policy]).allowed
    assert not iam.decide({"principal": "arn:aws:iam::111122223333:user/u",
                           "action": "s3:PutObject", "resource": "arn:aws:s3:::b/logo.png"},
                          [m.policy]).allowed


def test_bad_input_raises_located_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"Version": "2012-10-17", "Statement": [{"Effect": "Alow"}]}')
    with pytest.raises(polygraph.InputError) as error:
        iam.compare(READ, bad)
    assert error.value.line == 1
    with pytest.raises(polygraph.InputError):
        iam.minimize(READ, ["not an action"])


def test_account_queries():
    account = iam.Account(EXAMPLES / "escalation.yaml")
    assert set(account.principals) == {"Deploy", "Build", "Developer"}
    who = account.who_can("Deploy")
    assert set(who) == {"Build", "Developer"}
    assert [s.technique for s in who["Developer"]] == ["assume-role", "pass-role"]
    assert who["Build"][0].locations[0].line > 0
    paths = account.paths("Developer", "Deploy")
    assert paths and len(paths[0]) == 2
    assert account.paths("Deploy", "Developer"), "an administrator reaches everyone"
    (build,) = account.permissions("Build")
    assert not build["admin"] and build["reaches_admin"]
    with pytest.raises(polygraph.NotFoundError):
        account.who_can("Nobody")
