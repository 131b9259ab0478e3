"""The JSON form of problems and solutions: round trip, and clear errors on bad input."""

import json

import pytest

from cosummit.programme.scheduler import (
    Placement,
    Problem,
    Room,
    Session,
    Solution,
    TimeSlot,
    Unavailable,
    Weights,
)
from cosummit.programme.scheduler_json import (
    ProblemFormatError,
    problem_from_json,
    problem_to_json,
    solution_from_json,
    solution_to_json,
)

EXAMPLE = {
    "slots": [
        {"id": 1, "day": "2026-06-01", "start": "09:00", "end": "10:00"},
        {"id": 2, "day": "2026-06-01", "start": "10:00", "end": "11:00"},
    ],
    "rooms": [
        {"id": 1, "capacity": 200, "features": ["booth:fr", "projector", "step_free"]},
        {"id": 2, "capacity": 40},
    ],
    "sessions": [
        {
            "id": 10,
            "duration": 60,
            "speakers": [7],
            "track": "cso-day",
            "needs": ["booth:fr"],
            "audience": 150,
            "days": ["2026-06-01"],
        },
        {"id": 11, "duration": 60, "pinned": {"room": 2, "slot": 1}},
    ],
    "unavailable": [{"speaker": 7, "day": "2026-06-01", "start": "09:00", "end": "10:00"}],
    "interests": [[10, 11]],
    "weights": {"attendee_conflicts": 5},
    "previous": [{"session": 10, "room": 1, "slot": 2}],
}


def test_a_problem_is_read_from_json():
    p = problem_from_json(json.dumps(EXAMPLE))
    assert p == Problem(
        slots=(TimeSlot(1, "2026-06-01", 540, 600), TimeSlot(2, "2026-06-01", 600, 660)),
        rooms=(Room(1, 200, frozenset({"booth:fr", "projector", "step_free"})), Room(2, 40)),
        sessions=(
            Session(
                10,
                60,
                speakers=(7,),
                track="cso-day",
                needs=frozenset({"booth:fr"}),
                audience=150,
                days=frozenset({"2026-06-01"}),
            ),
            Session(11, 60, pinned=Placement(2, 1)),
        ),
        unavailable=(Unavailable(7, "2026-06-01", 540, 600),),
        interests=((10, 11),),
        weights=Weights(attendee_conflicts=5),
        previous={10: Placement(1, 2)},
    )


def test_a_problem_survives_a_round_trip_through_json():
    p = problem_from_json(EXAMPLE)
    text = json.dumps(problem_to_json(p))
    assert problem_from_json(text) == p


def test_times_may_be_minutes_from_midnight():
    data = json.loads(json.dumps(EXAMPLE))
    data["slots"][0]["start"] = 540
    assert problem_from_json(data).slots[0] == TimeSlot(1, "2026-06-01", 540, 600)


def test_a_solution_is_written_with_its_objective_broken_down_and_read_back():
    weights = Weights(attendee_conflicts=5, over_capacity=2)
    solution = Solution(
        placements={11: Placement(2, 1), 10: Placement(1, 2)},
        status="optimal",
        objective={
            "attendee_conflicts": 1,
            "over_capacity": 3,
            "track_rooms": 0,
            "popular_spread": 0,
            "changes": 0,
        },
        total=11,
        seconds=0.12345,
        first_feasible_seconds=0.01,
    )
    data = solution_to_json(solution, weights)
    assert data == {
        "status": "optimal",
        "placements": [
            {"session": 10, "room": 1, "slot": 2},
            {"session": 11, "room": 2, "slot": 1},
        ],
        "objective": solution.objective,
        "weighted": {
            "attendee_conflicts": 5,
            "over_capacity": 6,
            "track_rooms": 0,
            "popular_spread": 0,
            "changes": 0,
        },
        "total": 11,
        "seconds": 0.123,
        "first_feasible_seconds": 0.01,
    }
    back = solution_from_json(json.loads(json.dumps(data)), weights)
    assert back.placements == solution.placements
    assert back.total == 11


def changed(path, value):
    data = json.loads(json.dumps(EXAMPLE))
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "{not json",
            "Not JSON: Expecting property name enclosed in double quotes at line 1, column 2.",
        ),
        ([], "problem: must be an object."),
        (changed(["rooms"], KeyError), "problem: the key 'rooms' is missing."),
        (changed(["sesions"], []), "problem: unknown key 'sesions'."),
        (changed(["slots"], {}), "slots: must be a list."),
        (
            changed(["slots", 0, "start"], "9h"),
            'slots[0].start: must be a time of day such as "09:30".',
        ),
        (changed(["slots", 0, "end"], "08:00"), "slots[0].end: must be after the start."),
        (
            changed(["slots", 1, "day"], "June 1st"),
            'slots[1].day: must be a date such as "2026-06-01".',
        ),
        (changed(["slots", 1, "id"], 1), "slots[1].id: the id 1 is used twice."),
        (changed(["rooms", 1, "capacity"], -3), "rooms[1].capacity: must be at least 0."),
        (
            changed(["rooms", 0, "features"], "projector"),
            "rooms[0].features: must be a list of strings.",
        ),
        (changed(["sessions", 0, "duration"], 0), "sessions[0].duration: must be at least 1."),
        (
            changed(["sessions", 0, "duration"], 60.5),
            "sessions[0].duration: must be a whole number.",
        ),
        (
            changed(["sessions", 0, "speakers"], [True]),
            "sessions[0].speakers[0]: must be a whole number.",
        ),
        (
            changed(["sessions", 1, "pinned"], {"room": 9, "slot": 1}),
            "sessions[1].pinned.room: no room has the id 9.",
        ),
        (
            changed(["sessions", 1, "pinned"], {"room": 1, "slot": 9}),
            "sessions[1].pinned.slot: no slot has the id 9.",
        ),
        (
            changed(["sessions", 0, "days"], "2026-06-01"),
            "sessions[0].days: must be a list of dates or null.",
        ),
        (changed(["interests", 0], [10, 99]), "interests[0][1]: no session has the id 99."),
        (changed(["weights"], {"conflicts": 3}), "weights: unknown key 'conflicts'."),
        (changed(["weights"], {"changes": -1}), "weights.changes: must be at least 0."),
        (changed(["previous", 0, "session"], 99), "previous[0].session: no session has the id 99."),
        (changed(["unavailable", 0], {"speaker": 7}), "unavailable[0]: the key 'day' is missing."),
    ],
)
def test_bad_input_is_refused_with_the_path_of_the_bad_value(data, message):
    with pytest.raises(ProblemFormatError) as caught:
        problem_from_json(data if isinstance(data, str) else json.dumps(data))
    assert str(caught.value) == message
