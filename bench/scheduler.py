"""The automatic scheduler at the summit's size and on FOSDEM 2025.

Two scenarios, no database, no Django:

(a) reference: the summit's reference scale made up with a fixed seed: 300
    sessions, 25 rooms, 3 days of 15 half-hour slots (09:00-12:30 and
    14:00-18:00), 8 tracks (one kept to day 1, one to day 3), 400 speakers
    (a tenth unavailable for half a day), step-free and interpretation needs,
    two pinned plenaries, 4,000 attendees each starring 5-15 sessions;
(b) fosdem: the 943 events of FOSDEM 2025 (../shared/data, read with
    `cosummit.programme.interchange.read_frab_xml`) re-scheduled from scratch
    in their rooms on a 5-minute grid over both days, with their speakers
    and tracks; rooms have no capacity in the file, so none is set (the
    capacity term stays 0). Attendee interest is made up with the same seed
    and the same recipe as (a) (see `attendee_interests`), 8,000 attendees.

For each: the time to the first feasible schedule, the objective after 10 s
and 60 s, attendee conflicts against the first-fit greedy (and, for FOSDEM,
against the original schedule), the longest gap between progress reports,
and the re-planning figure: five times, with another 5 sessions pinned elsewhere in
the 60 s schedule, how many other sessions the fewest-changes mode moves.

    .venv/bin/python bench/scheduler.py
    .venv/bin/python bench/scheduler.py --scenario reference --limits 10 60 --replan-limit 20
"""

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cosummit.programme.scheduler import (  # noqa: E402
    NoSchedule,
    Placement,
    Problem,
    Room,
    Session,
    TimeSlot,
    Unavailable,
    evaluate,
    greedy,
    schedule,
    violations,
    weighted_total,
)

FOSDEM = ROOT.parent / "shared" / "data" / "fosdem-2025-schedule.xml"
DAYS = ["2026-06-01", "2026-06-02", "2026-06-03"]
# Re-plans per scenario, each with another 5 sessions pinned elsewhere.
REPLANS = 5


def attendee_interests(rng, sessions, tracks_of, count, low=5, high=15):
    """Made-up stars: each attendee has 1-3 favourite tracks (chosen in proportion
    to their sizes) and stars 5-15 sessions, three in four from those tracks;
    within a pool, sessions are picked in proportion to a log-normal appeal
    drawn once per session, so some sessions are much more popular."""
    appeal = {s: rng.lognormvariate(0, 0.8) for s in sessions}
    by_track = {}
    for s in sessions:
        by_track.setdefault(tracks_of[s], []).append(s)
    track_names = sorted(by_track, key=str)
    sizes = [len(by_track[t]) for t in track_names]
    everything = list(sessions)
    weights_all = [appeal[s] for s in everything]
    interests = []
    for _ in range(count):
        favourites = sorted(
            set(rng.choices(track_names, weights=sizes, k=rng.randint(1, 3))), key=str
        )
        pool = [s for t in favourites for s in by_track[t]]
        wanted = rng.randint(low, high)
        chosen = set()
        for _ in range(wanted * 4):
            if len(chosen) >= wanted:
                break
            if rng.random() < 0.75 and pool:
                chosen.add(rng.choices(pool, weights=[appeal[s] for s in pool])[0])
            else:
                chosen.add(rng.choices(everything, weights=weights_all)[0])
        interests.append(tuple(sorted(chosen)))
    return tuple(interests)


def reference_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    slots, number = [], 1
    for day in DAYS:
        for start in [*range(540, 750, 30), *range(840, 1080, 30)]:
            slots.append(TimeSlot(number, day, start, start + 30))
            number += 1
    rooms = []
    for r in range(25):
        capacity = [500, 400, 300][r] if r < 3 else rng.choice([40, 60, 80, 100, 150, 200])
        features = {"projector"} if rng.random() < 0.9 else set()
        if rng.random() < 0.8:
            features.add("step_free")
        if r < 6:
            features |= {"booth:fr", "booth:es", "booth:en"}
        rooms.append(Room(r + 1, capacity, frozenset(features)))
    tracks = [f"track-{t}" for t in range(8)]
    track_days = {"track-0": frozenset(DAYS[:1]), "track-7": frozenset(DAYS[2:])}
    session_ids = list(range(1, 301))
    tracks_of = {s: rng.choices(tracks, weights=[8, 7, 6, 5, 4, 3, 2, 2])[0] for s in session_ids}
    interests = attendee_interests(rng, session_ids, tracks_of, 4000)
    stars = Counter(s for attendee in interests for s in attendee)
    sessions = []
    for s in session_ids:
        needs = set()
        if rng.random() < 0.6:
            needs.add("projector")
        if rng.random() < 0.1:
            needs.add("step_free")
        if rng.random() < 0.15:
            needs.add(rng.choice(["booth:fr", "booth:es"]))
        speakers = tuple(rng.sample(range(1, 401), rng.choice([1, 1, 2, 3])))
        track = tracks_of[s]
        sessions.append(
            Session(
                id=s,
                duration=rng.choices([30, 60, 90], weights=[2, 5, 3])[0],
                speakers=speakers,
                track=track,
                needs=frozenset(needs),
                audience=max(stars[s], rng.randint(10, 60)),
                days=track_days.get(track),
            )
        )
    # Two plenaries pinned in the largest room: the opening and the closing.
    sessions.append(Session(id=301, duration=60, audience=500, pinned=Placement(1, slots[0].id)))
    sessions.append(Session(id=302, duration=60, audience=500, pinned=Placement(1, slots[-2].id)))
    unavailable = []
    for speaker in rng.sample(range(1, 401), 40):
        day = rng.choice(DAYS)
        morning = rng.random() < 0.5
        unavailable.append(
            Unavailable(speaker, day, 540 if morning else 840, 750 if morning else 1080)
        )
    return Problem(
        slots=tuple(slots),
        rooms=tuple(rooms),
        sessions=tuple(sessions),
        unavailable=tuple(unavailable),
        interests=interests,
    )


def fosdem_problem(seed: int):
    """FOSDEM 2025 as a problem, and its original schedule as placements."""
    from cosummit.programme.interchange import read_frab_xml

    programme = read_frab_xml(FOSDEM.read_bytes())
    events = programme.events
    rng = random.Random(seed)
    local = {e.guid: e.start.astimezone(events[0].start.tzinfo) for e in events}
    bounds = {}
    for e in events:
        start = local[e.guid]
        minutes = start.hour * 60 + start.minute
        day = start.date().isoformat()
        low, high = bounds.get(day, (minutes, minutes + e.duration))
        bounds[day] = (min(low, minutes), max(high, minutes + e.duration))
    slots, slot_at, number = [], {}, 1
    for day, (low, high) in sorted(bounds.items()):
        for minute in range(low - low % 5, high, 5):
            slots.append(TimeSlot(number, day, minute, minute + 5))
            slot_at[day, minute] = number
            number += 1
    room_names = sorted({e.room for e in events})
    room_id = {name: r + 1 for r, name in enumerate(room_names)}
    rooms = tuple(Room(room_id[name], 10**6) for name in room_names)
    speaker_ids = {}
    ids = list(range(1, len(events) + 1))
    tracks_of = {i: e.track or e.type for i, e in zip(ids, events, strict=True)}
    interests = attendee_interests(rng, ids, tracks_of, 8000)
    stars = Counter(s for attendee in interests for s in attendee)
    sessions, original = [], {}
    for i, e in zip(ids, events, strict=True):
        speakers = tuple(
            speaker_ids.setdefault(p.id if p.id is not None else p.name, len(speaker_ids) + 1)
            for p in e.persons
        )
        sessions.append(
            Session(
                id=i, duration=e.duration, speakers=speakers, track=tracks_of[i], audience=stars[i]
            )
        )
        start = local[e.guid]
        original[i] = Placement(
            room_id[e.room], slot_at[start.date().isoformat(), start.hour * 60 + start.minute]
        )
    problem = Problem(
        slots=tuple(slots), rooms=rooms, sessions=tuple(sessions), interests=interests
    )
    return problem, original


def replan(problem: Problem, solution, seed: int, time_limit: float):
    """Pin 5 sessions elsewhere, re-plan in fewest-changes mode; the others moved.

    Each new place keeps the session's own hard constraints and clashes with
    no other pinned session; it may clash with unpinned ones, which must move.
    """
    rng = random.Random(seed)
    sessions = {s.id: s for s in problem.sessions}
    movable = [s for s in problem.sessions if s.pinned is None]
    moved = rng.sample(movable, 5)
    for session in moved:
        for _ in range(10000):
            place = Placement(rng.choice(problem.rooms).id, rng.choice(problem.slots).id)
            if place == solution.placements[session.id]:
                continue
            fixed = {s.id: s.pinned for s in sessions.values() if s.pinned is not None}
            fixed[session.id] = place
            current = replace(problem, sessions=tuple(sessions.values()))
            if not [v for v in violations(current, fixed) if v[0] != "unplaced"]:
                sessions[session.id] = replace(session, pinned=place)
                break
    moved_ids = {s.id for s in moved}
    again = replace(problem, sessions=tuple(sessions.values()), previous=dict(solution.placements))
    result = schedule(again, time_limit=time_limit, seed=seed)
    changed = [
        sid
        for sid, placement in result.placements.items()
        if sid not in moved_ids and solution.placements.get(sid) != placement
    ]
    # The sessions that had to move: in the room or sharing a speaker of a
    # moved session at its new place, in the previous schedule.
    pushed = set()
    with_pins = dict(solution.placements) | {s.id: sessions[s.id].pinned for s in moved}
    for code, ids in violations(again, with_pins):
        if code in ("room_clash", "speaker_clash") and moved_ids & set(ids[1:]):
            pushed |= set(ids[1:]) - moved_ids
    return len(changed), len(pushed), result, violations(again, result.placements)


def run_scenario(
    name: str, problem: Problem, original, limits, replan_limit: float, seed: int
) -> None:
    print(
        f"== {name}: {len(problem.sessions)} sessions, {len(problem.rooms)} rooms, "
        f"{len(problem.slots)} slots, {len(problem.interests)} attendees"
    )
    started = time.perf_counter()
    try:
        baseline = greedy(problem)
        greedy_terms = evaluate(problem, baseline)
        print(
            f"greedy (first fit): {time.perf_counter() - started:.2f} s, "
            f"total {weighted_total(problem.weights, greedy_terms)}, {greedy_terms}"
        )
    except NoSchedule as refusal:
        greedy_terms = None
        print(f"greedy (first fit): failed ({refusal.code} {refusal.details})")
    if original is not None:
        original_terms = evaluate(problem, original)
        broken = Counter(code for code, _ in violations(problem, original))
        print(
            f"original schedule: total {weighted_total(problem.weights, original_terms)}, "
            f"{original_terms}, hard constraints broken in our model: {dict(broken)}"
        )
    solution = None
    for limit in limits:
        reports = []
        solution = schedule(problem, time_limit=limit, seed=seed, on_progress=reports.append)
        gaps = [b.seconds - a.seconds for a, b in itertools.pairwise(reports)]
        first = next(r for r in reports if r.best_total is not None)
        print(
            f"time limit {limit:g} s: first complete schedule (cost-aware insertion) at "
            f"{first.seconds:.2f} s, total {first.best_total}"
        )
        conflicts = solution.objective["attendee_conflicts"]
        line = (
            f"time limit {limit:g} s: took {solution.seconds:.2f} s, first feasible "
            f"{solution.first_feasible_seconds:.2f} s, {solution.status}, total {solution.total}, "
            f"{solution.objective}, longest progress gap {max(gaps, default=0):.2f} s, "
            f"violations {len(violations(problem, solution.placements))}, "
            f"search rounds {solution.rounds}"
        )
        print(line)
        if greedy_terms:
            print(
                f"  attendee conflicts {conflicts} vs greedy {greedy_terms['attendee_conflicts']}: "
                f"{percent(conflicts, greedy_terms['attendee_conflicts'])} fewer"
            )
        if original is not None:
            print(
                f"  attendee conflicts vs original {original_terms['attendee_conflicts']}: "
                f"{percent(conflicts, original_terms['attendee_conflicts'])} fewer"
            )
    if replan_limit and solution is not None:
        counts = []
        for replan_seed in range(seed, seed + REPLANS):
            changed, pushed, result, broken = replan(problem, solution, replan_seed, replan_limit)
            counts.append(changed)
            print(
                f"re-plan {replan_seed} after moving 5 sessions ({replan_limit:g} s, fewest "
                f"changes): {changed} other sessions changed, of which {pushed} had to, "
                f"total {result.total}, {result.objective}, violations {len(broken)}"
            )
        print(f"re-plans: other sessions changed {sorted(counts)}, at most {max(counts)}")


def percent(value: int, reference: int) -> str:
    if not reference:
        return "n/a"
    return f"{100 * (reference - value) / reference:.1f} %"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", choices=["reference", "fosdem", "both"], default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limits", type=float, nargs="+", default=[10, 60])
    parser.add_argument("--replan-limit", type=float, default=20)
    args = parser.parse_args()
    if args.scenario in ("reference", "both"):
        run_scenario(
            "reference",
            reference_problem(args.seed),
            None,
            args.limits,
            args.replan_limit,
            args.seed,
        )
    if args.scenario in ("fosdem", "both"):
        if not FOSDEM.exists():
            print(f"FOSDEM skipped: {FOSDEM} is missing")
            return
        problem, original = fosdem_problem(args.seed)
        run_scenario("FOSDEM 2025", problem, original, args.limits, args.replan_limit, args.seed)


if __name__ == "__main__":
    main()
