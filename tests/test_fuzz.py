"""The differential fuzzer: impl agrees with Flask on the ci profile, a mutant does not
and is reported with a reproduction, and saved cases replay and promote."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings

from conformance.cli import main
from conformance.fuzz import corpus
from conformance.fuzz.execute import normalize_headers, observe, signed_session_cookie
from conformance.fuzz.source import app_source
from conformance.fuzz.strategies import cases
from conformance.paths import FIXTURES_DIR, REPOSITORY_DIR
from conformance.targets import load_target

from .test_spec_lint import SOURCE

MUTANT = "mutants.routing_no_strict_slash_redirect"

#: A rule ending in a slash and a request without it: Flask redirects, the mutant serves.
SLASH_CASE = {
    "app": {
        "options": {},
        "config": {"SECRET_KEY": "fuzz-secret", "TESTING": True},
        "url_map": {},
        "blueprints": [],
        "routes": [
            {
                "scope": None,
                "segments": [{"static": "p"}],
                "slash": True,
                "endpoint": "r0",
                "methods": None,
                "strict_slashes": None,
                "defaults": None,
                "subdomain": None,
                "host": None,
                "view": {
                    "steps": [{"kind": "session_set", "key": "user", "value": "x"}],
                    "returns": "str",
                    "return_args": {
                        "status": 200,
                        "location": "/x",
                        "redirect_code": 302,
                        "endpoint": "r0",
                    },
                },
            }
        ],
        "hooks": [{"scope": None, "kind": "before_request", "early": None, "key": None}],
        "handlers": [],
    },
    "requests": [
        {
            "method": "GET",
            "path": "/p",
            "query": "",
            "host": "localhost",
            "headers": [],
            "cookie": None,
            "body": {"kind": "none"},
        },
        {
            "method": "GET",
            "path": "/p/",
            "query": "a=1",
            "host": "localhost",
            "headers": [],
            "cookie": {"kind": "signed", "data": {"n": 1}},
            "body": {"kind": "none"},
        },
    ],
}


def _fixtures_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(FIXTURES_DIR), str(REPOSITORY_DIR), env.get("PYTHONPATH")])
    )
    return env


def test_ci_profile_finds_no_divergence_between_impl_and_flask(capsys) -> None:
    assert main(["fuzz", "impl", "--vs", "flask", "--profile", "ci", "--no-save"]) == 0
    output = capsys.readouterr().out
    assert "impl vs flask: 100 examples" in output
    assert "no divergence" in output


def test_a_mutant_diverges_and_is_printed_and_saved(tmp_path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "conformance", "fuzz", MUTANT, "--corpus", str(tmp_path)],
        capture_output=True,
        text=True,
        env=_fixtures_env(),
        cwd=REPOSITORY_DIR,
        timeout=300,
    )
    assert completed.returncode == 1, completed.stderr
    assert "DIVERGENCE" in completed.stdout
    # The mutant diverges from Flask in more than one way (a redirect it does
    # not send, a slashless URL it matches): whichever the search meets first.
    assert "def build(target, trace):" in completed.stdout
    saved = list(tmp_path.glob("*.json"))
    assert len(saved) == 1
    record = json.loads(saved[0].read_text(encoding="utf-8"))
    assert record["target"] == MUTANT and record["vs"] == "flask"
    # The printed reproduction runs as it is.
    script = tmp_path / "reproduce.py"
    script.write_text(corpus.reproduction(record["case"]), encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=REPOSITORY_DIR
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip()


def test_replay_grades_a_case_fixed_on_impl_and_failing_on_the_mutant(tmp_path) -> None:
    corpus.save(
        SLASH_CASE,
        ["by hand"],
        target=MUTANT,
        vs="flask",
        seed=None,
        profile="ci",
        directory=tmp_path,
    )
    identifier = corpus.load(tmp_path)[0]["id"]
    assert corpus.replay("impl", "flask", tmp_path) == [(identifier, True, [])]
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "conformance",
            "fuzz",
            MUTANT,
            "--replay",
            "--corpus",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=_fixtures_env(),
        cwd=REPOSITORY_DIR,
        timeout=120,
    )
    assert completed.returncode == 1
    assert f"{identifier}  FAILING" in completed.stdout
    assert "request 0 status: target '200 OK' != reference '308 PERMANENT REDIRECT'" in (
        completed.stdout
    )


def test_promote_writes_a_spec_that_passes_on_flask_and_impl(tmp_path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus.save(
        SLASH_CASE, [], target="impl", vs="flask", seed=None, profile="ci", directory=corpus_dir
    )
    identifier = corpus.load(corpus_dir)[0]["id"]
    specs_dir = tmp_path / "specs"
    arguments = ["fuzz", "--promote", identifier, "--corpus", str(corpus_dir)]
    assert main([*arguments, "--specs-dir", str(specs_dir), "--area", "routing"]) == 0
    spec = specs_dir / "routing" / f"test_fuzz_{identifier}.py"
    text = spec.read_text(encoding="utf-8")
    assert "import flask" not in text and "import impl" not in text
    assert "assert response.status == '308 PERMANENT REDIRECT'" in text
    # Specs outside conformance/specs are not collected as specs, so call it on each target.
    module = runpy.run_path(str(spec))
    test = module[f"test_fuzz_case_{identifier}"]
    assert SOURCE.search(test.__doc__)
    for name in ("flask", "impl"):
        test(load_target(name))


def test_promote_of_an_unknown_case_is_bad_input(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["fuzz", "--promote", "nope", "--corpus", str(tmp_path)])
    assert exited.value.code == 2
    assert "no case 'nope'" in capsys.readouterr().err


@settings(
    max_examples=40,
    database=None,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(cases())
def test_every_generated_app_is_valid_python(case) -> None:
    compile(app_source(case["app"]), "<fuzz app>", "exec")


def test_signed_cookies_are_equal_under_the_frozen_clock() -> None:
    assert signed_session_cookie({"n": 1}, "k") == signed_session_cookie({"n": 1}, "k")
    flask = load_target("flask")
    first, second = observe(flask, SLASH_CASE), observe(flask, SLASH_CASE)
    assert first == second
    cookies = [v for k, v in first["exchanges"][1]["headers"] if k == "Set-Cookie"]
    assert cookies and cookies[0].startswith("session=")
    assert first["exchanges"][1]["trace"] == ["before_request 0", "view r0 []"]


def test_headers_drop_the_date_and_sort_allow_and_expiry() -> None:
    headers = [
        ("Set-Cookie", "session=a; Expires=Sat, 06 Dec 2026 10:00:00 GMT; Path=/"),
        ("Date", "now"),
        ("Allow", "POST, GET"),
        ("Content-Type", "text/plain"),
    ]
    assert normalize_headers(headers) == [
        ["Allow", "GET, POST"],
        ["Content-Type", "text/plain"],
        ["Set-Cookie", "session=a; Expires=<date>; Path=/"],
    ]


def test_the_repository_corpus_replays_fixed_on_impl() -> None:
    graded = corpus.replay("impl", "flask")
    assert len(graded) >= 9
    assert [identifier for identifier, fixed, _ in graded if not fixed] == []
