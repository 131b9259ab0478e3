"""JSON form of the scheduler's problems and solutions (docs/scheduling.md).

`problem_from_json` checks everything and raises `ProblemFormatError` with
the path of the first bad value ("sessions[3].duration: ..."), so that the
`schedule` command can say what to fix. Times of day are "HH:MM" strings
(whole minutes from midnight are accepted too); days are ISO dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

from cosummit.programme.scheduler import (
    Placement,
    Problem,
    Room,
    Session,
    Solution,
    TimeSlot,
    Unavailable,
    Weights,
    weighted_total,
)

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_WEIGHT_NAMES = [f.name for f in dataclasses.fields(Weights)]


class ProblemFormatError(ValueError):
    """The JSON does not describe a problem; the message names the bad value."""


def problem_from_json(data: Any) -> Problem:
    """A `Problem` from parsed JSON (a dict), text or bytes."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as error:
            raise ProblemFormatError(
                f"Not JSON: {error.msg} at line {error.lineno}, column {error.colno}."
            ) from None
    _object(
        data,
        "problem",
        required=("slots", "rooms", "sessions"),
        optional=("unavailable", "interests", "weights", "previous"),
    )
    slots = tuple(_slot(item, f"slots[{n}]") for n, item in enumerate(_list(data, "slots")))
    rooms = tuple(_room(item, f"rooms[{n}]") for n, item in enumerate(_list(data, "rooms")))
    _unique([s.id for s in slots], "slots")
    _unique([r.id for r in rooms], "rooms")
    known = ({r.id for r in rooms}, {s.id for s in slots})
    sessions = tuple(
        _session(item, f"sessions[{n}]", known) for n, item in enumerate(_list(data, "sessions"))
    )
    _unique([s.id for s in sessions], "sessions")
    session_ids = {s.id for s in sessions}
    unavailable = tuple(
        _unavailable(item, f"unavailable[{n}]")
        for n, item in enumerate(_list(data, "unavailable", default=[]))
    )
    interests = []
    for n, item in enumerate(_list(data, "interests", default=[])):
        path = f"interests[{n}]"
        if not isinstance(item, list):
            raise ProblemFormatError(f"{path}: must be a list of session ids.")
        ids = tuple(_int(value, f"{path}[{m}]") for m, value in enumerate(item))
        for m, value in enumerate(ids):
            if value not in session_ids:
                raise ProblemFormatError(f"{path}[{m}]: no session has the id {value}.")
        interests.append(ids)
    weights = _weights(data.get("weights", {}))
    previous = {}
    for n, item in enumerate(_list(data, "previous", default=[])):
        path = f"previous[{n}]"
        _object(item, path, required=("session", "room", "slot"))
        session = _int(item["session"], f"{path}.session")
        if session not in session_ids:
            raise ProblemFormatError(f"{path}.session: no session has the id {session}.")
        if session in previous:
            raise ProblemFormatError(f"{path}.session: session {session} is listed twice.")
        previous[session] = _placement(item, path, known)
    return Problem(
        slots=slots,
        rooms=rooms,
        sessions=sessions,
        unavailable=unavailable,
        interests=tuple(interests),
        weights=weights,
        previous=previous,
    )


def problem_to_json(problem: Problem) -> dict:
    """The JSON form of a problem, which `problem_from_json` reads back."""
    return {
        "slots": [
            {"id": s.id, "day": s.day, "start": _clock(s.start), "end": _clock(s.end)}
            for s in problem.slots
        ],
        "rooms": [
            {"id": r.id, "capacity": r.capacity, "features": sorted(r.features)}
            for r in problem.rooms
        ],
        "sessions": [_session_to_json(s) for s in problem.sessions],
        "unavailable": [
            {"speaker": u.speaker, "day": u.day, "start": _clock(u.start), "end": _clock(u.end)}
            for u in problem.unavailable
        ],
        "interests": [list(ids) for ids in problem.interests],
        "weights": dataclasses.asdict(problem.weights),
        "previous": [
            {"session": sid, "room": p.room, "slot": p.slot}
            for sid, p in sorted(problem.previous.items())
        ],
    }


def solution_to_json(solution: Solution, weights: Weights) -> dict:
    """Placements with the objective broken down: raw terms, weighted terms and total."""
    return {
        "status": solution.status,
        "placements": [
            {"session": sid, "room": p.room, "slot": p.slot}
            for sid, p in sorted(solution.placements.items())
        ],
        "objective": dict(solution.objective),
        "weighted": {
            name: getattr(weights, name) * value for name, value in solution.objective.items()
        },
        "total": solution.total,
        "seconds": round(solution.seconds, 3),
        "first_feasible_seconds": (
            None
            if solution.first_feasible_seconds is None
            else round(solution.first_feasible_seconds, 3)
        ),
    }


def solution_from_json(data: dict, weights: Weights) -> Solution:
    """A `Solution` back from its JSON form (the total is recomputed from the terms)."""
    objective = {name: int(value) for name, value in data["objective"].items()}
    return Solution(
        placements={
            int(item["session"]): Placement(int(item["room"]), int(item["slot"]))
            for item in data["placements"]
        },
        status=data["status"],
        objective=objective,
        total=weighted_total(weights, objective),
        seconds=float(data["seconds"]),
        first_feasible_seconds=data.get("first_feasible_seconds"),
    )


# Reading ---------------------------------------------------------------------


def _object(value, path: str, *, required=(), optional=()) -> None:
    if not isinstance(value, dict):
        raise ProblemFormatError(f"{path}: must be an object.")
    for key in required:
        if key not in value:
            raise ProblemFormatError(f"{path}: the key {key!r} is missing.")
    for key in value:
        if key not in required and key not in optional:
            raise ProblemFormatError(f"{path}: unknown key {key!r}.")


def _list(data: dict, key: str, default=None) -> list:
    value = data.get(key, default)
    if value is None and default is not None:
        return default
    if not isinstance(value, list):
        raise ProblemFormatError(f"{key}: must be a list.")
    return value


def _int(value, path: str, *, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProblemFormatError(f"{path}: must be a whole number.")
    if minimum is not None and value < minimum:
        raise ProblemFormatError(f"{path}: must be at least {minimum}.")
    return value


def _text(value, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise ProblemFormatError(f"{path}: must be a non-empty string.")
    return value


def _day(value, path: str) -> str:
    try:
        return dt.date.fromisoformat(_text(value, path)).isoformat()
    except ValueError:
        raise ProblemFormatError(f'{path}: must be a date such as "2026-06-01".') from None


def _time(value, path: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 24 * 60:
        return value
    match = _TIME.match(value) if isinstance(value, str) else None
    if value == "24:00":
        return 24 * 60
    if not match:
        raise ProblemFormatError(f'{path}: must be a time of day such as "09:30".')
    return int(match[1]) * 60 + int(match[2])


def _strings(value, path: str) -> frozenset[str]:
    if not isinstance(value, list):
        raise ProblemFormatError(f"{path}: must be a list of strings.")
    return frozenset(_text(item, f"{path}[{n}]") for n, item in enumerate(value))


def _unique(ids: list[int], path: str) -> None:
    seen = set()
    for n, value in enumerate(ids):
        if value in seen:
            raise ProblemFormatError(f"{path}[{n}].id: the id {value} is used twice.")
        seen.add(value)


def _slot(item, path: str) -> TimeSlot:
    _object(item, path, required=("id", "day", "start", "end"))
    start, end = _time(item["start"], f"{path}.start"), _time(item["end"], f"{path}.end")
    if end <= start:
        raise ProblemFormatError(f"{path}.end: must be after the start.")
    return TimeSlot(_int(item["id"], f"{path}.id"), _day(item["day"], f"{path}.day"), start, end)


def _room(item, path: str) -> Room:
    _object(item, path, required=("id", "capacity"), optional=("features",))
    return Room(
        id=_int(item["id"], f"{path}.id"),
        capacity=_int(item["capacity"], f"{path}.capacity", minimum=0),
        features=_strings(item.get("features", []), f"{path}.features"),
    )


def _placement(item, path: str, known) -> Placement:
    rooms, slots = known
    room, slot = _int(item["room"], f"{path}.room"), _int(item["slot"], f"{path}.slot")
    if room not in rooms:
        raise ProblemFormatError(f"{path}.room: no room has the id {room}.")
    if slot not in slots:
        raise ProblemFormatError(f"{path}.slot: no slot has the id {slot}.")
    return Placement(room, slot)


def _session(item, path: str, known) -> Session:
    _object(
        item,
        path,
        required=("id", "duration"),
        optional=("speakers", "track", "needs", "audience", "min_capacity", "days", "pinned"),
    )
    speakers = item.get("speakers", [])
    if not isinstance(speakers, list):
        raise ProblemFormatError(f"{path}.speakers: must be a list of speaker ids.")
    track = item.get("track")
    session_days = item.get("days")
    if session_days is not None:
        if not isinstance(session_days, list):
            raise ProblemFormatError(f"{path}.days: must be a list of dates or null.")
        session_days = frozenset(
            _day(day, f"{path}.days[{n}]") for n, day in enumerate(session_days)
        )
    pinned = item.get("pinned")
    if pinned is not None:
        _object(pinned, f"{path}.pinned", required=("room", "slot"))
        pinned = _placement(pinned, f"{path}.pinned", known)
    return Session(
        id=_int(item["id"], f"{path}.id"),
        duration=_int(item["duration"], f"{path}.duration", minimum=1),
        speakers=tuple(_int(s, f"{path}.speakers[{n}]") for n, s in enumerate(speakers)),
        track=None if track is None else _text(track, f"{path}.track"),
        needs=_strings(item.get("needs", []), f"{path}.needs"),
        audience=_int(item.get("audience", 0), f"{path}.audience", minimum=0),
        min_capacity=_int(item.get("min_capacity", 0), f"{path}.min_capacity", minimum=0),
        days=session_days,
        pinned=pinned,
    )


def _unavailable(item, path: str) -> Unavailable:
    _object(item, path, required=("speaker", "day", "start", "end"))
    start, end = _time(item["start"], f"{path}.start"), _time(item["end"], f"{path}.end")
    if end <= start:
        raise ProblemFormatError(f"{path}.end: must be after the start.")
    return Unavailable(
        _int(item["speaker"], f"{path}.speaker"), _day(item["day"], f"{path}.day"), start, end
    )


def _weights(value) -> Weights:
    _object(value, "weights", optional=_WEIGHT_NAMES)
    return Weights(
        **{name: _int(number, f"weights.{name}", minimum=0) for name, number in value.items()}
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _session_to_json(session: Session) -> dict:
    return {
        "id": session.id,
        "duration": session.duration,
        "speakers": list(session.speakers),
        "track": session.track,
        "needs": sorted(session.needs),
        "audience": session.audience,
        "min_capacity": session.min_capacity,
        "days": None if session.days is None else sorted(session.days),
        "pinned": (
            None
            if session.pinned is None
            else {"room": session.pinned.room, "slot": session.pinned.slot}
        ),
    }
