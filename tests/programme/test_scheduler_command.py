"""`python -m cosummit schedule`: JSON in, placements with the objective out, clear errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

PROBLEM = {
    "slots": [
        {"id": 1, "day": "2026-06-01", "start": "09:00", "end": "10:00"},
        {"id": 2, "day": "2026-06-01", "start": "10:00", "end": "11:00"},
    ],
    "rooms": [{"id": 1, "capacity": 100}, {"id": 2, "capacity": 30}],
    "sessions": [
        {"id": 1, "duration": 60, "speakers": [1], "audience": 80},
        {"id": 2, "duration": 60, "speakers": [1]},
        {"id": 3, "duration": 60},
    ],
    "interests": [[1, 3], [1, 3]],
    "previous": [
        {"session": 1, "room": 1, "slot": 1},
        {"session": 2, "room": 1, "slot": 2},
        {"session": 3, "room": 2, "slot": 2},
    ],
}


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "problem.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_the_command_writes_placements_and_the_objective_broken_down(tmp_path):
    output = tmp_path / "solution.json"
    call_command(
        "schedule",
        "--input",
        str(write(tmp_path, PROBLEM)),
        "--output",
        str(output),
        "--time-limit",
        "5",
    )
    solution = json.loads(output.read_text(encoding="utf-8"))
    places = {p["session"]: (p["room"], p["slot"]) for p in solution["placements"]}
    assert places[1][0] == 1
    assert places[1][1] != places[2][1]
    assert places[1][1] != places[3][1]
    assert solution["status"] == "optimal"
    assert solution["objective"] == {
        "attendee_conflicts": 0,
        "over_capacity": 0,
        "track_rooms": 0,
        "popular_spread": 0,
        "changes": 0,
    }
    assert solution["total"] == 0
    assert set(solution["weighted"]) == set(solution["objective"])


def test_fewest_changes_keeps_the_previous_placements_and_is_ignored_without_the_flag(
    tmp_path, capsys
):
    problem = write(tmp_path, PROBLEM)
    call_command("schedule", "--input", str(problem), "--output", "-", "--fewest-changes")
    solution = json.loads(capsys.readouterr().out)
    assert solution["placements"] == PROBLEM["previous"]


def test_fewest_changes_without_previous_placements_is_refused(tmp_path):
    problem = write(tmp_path, {k: v for k, v in PROBLEM.items() if k != "previous"})
    with pytest.raises(CommandError) as caught:
        call_command("schedule", "--input", str(problem), "--output", "-", "--fewest-changes")
    assert str(caught.value) == "--fewest-changes needs the previous placements in “previous”."


def test_bad_json_is_refused_with_where_it_breaks(tmp_path):
    output = tmp_path / "solution.json"
    with pytest.raises(CommandError) as caught:
        call_command(
            "schedule", "--input", str(write(tmp_path, '{"slots": [}')), "--output", str(output)
        )
    assert str(caught.value) == (
        "The problem is not valid: Not JSON: Expecting value at line 1, column 12."
    )
    assert caught.value.returncode == 1
    assert not output.exists()


def test_a_bad_value_is_refused_with_its_path(tmp_path):
    bad = json.loads(json.dumps(PROBLEM))
    bad["sessions"][1]["duration"] = "an hour"
    with pytest.raises(CommandError) as caught:
        call_command("schedule", "--input", str(write(tmp_path, bad)), "--output", "-")
    assert (
        str(caught.value)
        == "The problem is not valid: sessions[1].duration: must be a whole number."
    )


def test_a_missing_input_file_is_refused(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("schedule", "--input", str(tmp_path / "nowhere.json"), "--output", "-")
    assert str(caught.value) == (
        f"The file {tmp_path / 'nowhere.json'} cannot be read: No such file or directory."
    )


def test_a_problem_without_schedule_exits_with_code_2_and_its_cause(tmp_path):
    impossible = json.loads(json.dumps(PROBLEM))
    impossible["sessions"][0]["needs"] = ["booth:es"]
    output = tmp_path / "solution.json"
    with pytest.raises(CommandError) as caught:
        call_command(
            "schedule", "--input", str(write(tmp_path, impossible)), "--output", str(output)
        )
    assert str(caught.value) == (
        'No schedule keeps every hard constraint (no_room_fits): {"session": 1}'
    )
    assert caught.value.returncode == 2
    assert not output.exists()


def test_python_m_cosummit_schedule_exits_non_zero_on_bad_input(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cosummit",
            "schedule",
            "--input",
            str(write(tmp_path, "[]")),
            "--output",
            "-",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DEBUG": "true"},
    )
    assert result.returncode == 1
    # The command speaks the site's default language; the path and the
    # reason come from the JSON reader.
    assert result.stderr.startswith("CommandError: ")
    assert result.stderr.strip().endswith(": problem: must be an object.")


@pytest.mark.parametrize("limit", ["nan", "inf", "0", "-3"])
def test_a_time_limit_that_is_not_a_positive_number_of_seconds_is_refused(tmp_path, limit):
    with pytest.raises(CommandError) as caught:
        call_command(
            "schedule",
            "--input",
            str(write(tmp_path, PROBLEM)),
            "--output",
            "-",
            "--time-limit",
            limit,
        )
    assert str(caught.value) == "The time limit must be a positive number of seconds."
