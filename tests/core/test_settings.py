"""Settings come from the environment and refuse bad values loudly."""

import os
import subprocess
import sys

import pytest

PRODUCTION = {
    "SECRET_KEY": "a-production-secret-" + "x" * 50,
    "ALLOWED_HOSTS": "summit.example.org",
    "DATABASE_URL": "sqlite:////tmp/cosummit-settings-test.sqlite3",
}


def run_cosummit(*args: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE, set for the browser tests, would fail the deploy checks.
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in unset}
    clean["COSUMMIT_VAR_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "cosummit", *args],
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_cosummit("check", env={"ALLOWED_HOSTS": "summit.example.org"}, tmp_path=tmp_path)
    assert result.returncode == 1
    assert "SECRET_KEY is not set." in result.stderr


def test_development_generates_a_secret_key_in_var_once(tmp_path):
    first = run_cosummit("check", env={"DEBUG": "true"}, tmp_path=tmp_path)
    secret = (tmp_path / "secret_key").read_text()
    run_cosummit("check", env={"DEBUG": "true"}, tmp_path=tmp_path)
    assert (first.returncode, len(secret) > 40) == (0, True)
    assert (tmp_path / "secret_key").read_text() == secret
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be one of true/false/1/0/yes/no/on/off, not 'maybe'."),
        ("EMAIL_PORT", "twenty-five", "EMAIL_PORT must be an integer, not 'twenty-five'."),
        ("EMAIL_DELIVERY", "pigeon", "EMAIL_DELIVERY must be one of file, smtp, console"),
        ("TASKS_BACKEND", "cron", "TASKS_BACKEND must be one of database, immediate, not 'cron'."),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL is not a database URL"),
    ],
)
def test_bad_values_stop_the_process_with_a_clear_message(tmp_path, name, value, message):
    env = PRODUCTION | {"EMAIL_DELIVERY": "smtp"} | {name: value}
    result = run_cosummit("check", env=env, tmp_path=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = run_cosummit(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION, tmp_path=tmp_path
    )
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )
