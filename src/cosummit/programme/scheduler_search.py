"""The scheduler's search: a greedy start, then large-neighbourhood search with CP-SAT.

Internal to `cosummit.programme.scheduler` (its docstring says what is
optimised). Every CP-SAT model here frees a set of sessions and keeps the
others where they are, so that what the freed sessions owe to the kept ones
(attendee pairs, a track's rooms, popular sessions per day) is linear.

Model of the freed sessions, time and room apart rather than one Boolean per
(session, room, start), which would be rooms times larger:

- `z[s, t]`: session s starts at slot t (exactly one), over the starts that
  keep its track's days, its speakers' availability and its speakers' kept
  sessions, and where at least one of its rooms is free of kept sessions;
- `y[s, r]`: session s is in room r (exactly one), over the rooms with the
  features it needs;
- start S and end E (slot indices) are linear in `z`; each room has a
  no-overlap constraint over the optional intervals [S, E) of the freed
  sessions (present when `y[s, r]`) and the fixed intervals of the kept ones;
  each speaker of two freed sessions has one over their intervals;
- attendee pairs between two freed sessions: a Boolean `o` with
  `o or E_i <= S_j or E_j <= S_i`; towards kept sessions: a cost per start.

When every session can be freed at once (at most `WHOLE_MODEL_SESSIONS`)
the first model is the whole problem and CP-SAT may prove its optimum.
Sessions the greedy could not place are repaired by freeing more and more
sessions around them (`_repair`). Otherwise each round frees a
neighbourhood (sessions around an attendee conflict, time windows, a few
rooms of a day, a track, or at random; in fewest-changes mode, sessions
around one that is not at its previous place), solves it for at most half
a second from the current schedule as a hint, and keeps the result when it
is no worse. The neighbourhood grows while rounds are solved to optimality
and shrinks when they are not. One round in five (not in fewest-changes
mode) re-assigns the rooms of a whole day with every start kept.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import defaultdict

import numpy as np
from ortools.sat.python import cp_model

from cosummit.programme import scheduler as api
from cosummit.programme.scheduler_data import Board, Prepared, check_feasibility, insertion_order

# The whole problem goes into one model up to this many free sessions.
WHOLE_MODEL_SESSIONS = 40
# Above this many freed sessions, attendee pairs among them are left out of the
# model (only when repairing a greedy start that left sessions out).
PAIR_TERMS_SESSIONS = 150
ROUND_SECONDS = 0.5
MAX_ROUND_SESSIONS = 60
TICK_SECONDS = 0.25
WORKERS = max(1, min(8, os.cpu_count() or 1))


class _Clock:
    """Elapsed time, the deadline and the progress reports."""

    def __init__(self, time_limit: float, on_progress):
        self.started = time.perf_counter()
        self.deadline = self.started + time_limit
        self.on_progress = on_progress
        self.best_total: int | None = None
        self.stage = "greedy"
        self.last_report = self.started
        # Rounds of the search: tried, improved, proven optimal (for the benchmark).
        self.rounds = [0, 0, 0]

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def maybe_report(self) -> None:
        if time.perf_counter() - self.last_report >= TICK_SECONDS:
            self.report()

    def report(self) -> None:
        self.last_report = time.perf_counter()
        if self.on_progress is not None:
            self.on_progress(api.ProgressReport(self.elapsed(), self.best_total, self.stage))


def run(problem: api.Problem, *, time_limit: float, on_progress, seed: int) -> api.Solution:
    clock = _Clock(time_limit, on_progress)
    data = Prepared(problem)
    clock.report()
    check_feasibility(data)
    clock.maybe_report()
    board = Board(data, data.pin_room, data.pin_start)
    _keep_previous(data, board, clock)
    missing = [i for i in insertion_order(data, data.free) if board.start[i] < 0]
    for i in missing:
        clock.maybe_report()
        if not board.insert(i, cost_aware=True):
            break
    room, start = board.room, board.start
    status = "feasible"
    whole = len(data.free) <= WHOLE_MODEL_SESSIONS
    complete = not (start[data.free] < 0).any()
    first_feasible = None
    if complete:
        first_feasible = clock.elapsed()
        clock.best_total = data.total(data.terms(room, start))
        clock.report()
    if whole:
        clock.stage = "search"
        outcome = _solve(data, room, start, data.free, clock, seed=seed, time_limit=clock.left())
        if outcome is None:
            if not complete:
                raise api.NoSchedule("time_limit", {"seconds": time_limit})
        elif outcome == "infeasible":
            raise api.NoSchedule("infeasible")
        else:
            room, start, proven = outcome
            status = "optimal" if proven else status
    elif not complete:
        clock.stage = "search"
        room, start = _repair(data, room, start, clock, seed)
    if first_feasible is None:
        first_feasible = clock.elapsed()
    clock.best_total = data.total(data.terms(room, start))
    clock.report()
    if not whole and len(data.free):
        room, start = _improve(data, room, start, clock, seed)
    elif not len(data.free):
        status = "optimal"
    terms = data.terms(room, start)
    clock.best_total = data.total(terms)
    clock.stage = "done"
    clock.report()
    return api.Solution(
        placements=data.placements(room, start),
        status=status,
        objective=terms,
        total=data.total(terms),
        seconds=clock.elapsed(),
        first_feasible_seconds=first_feasible,
        rounds=dict(zip(("tried", "improved", "proven"), clock.rounds, strict=True)),
    )


def _keep_previous(data: Prepared, board: Board, clock: _Clock) -> None:
    """Fewest-changes mode: put back each session whose previous place is still allowed and free."""
    for i in insertion_order(data, [i for i in data.free if data.prev_start[i] >= 0]):
        clock.maybe_report()
        rooms, starts, free = board.choices(i)
        row = np.nonzero(rooms == data.prev_room[i])[0]
        column = np.nonzero(starts == data.prev_start[i])[0]
        if len(row) and len(column) and free[row[0], column[0]]:
            board.hold(i, int(data.prev_room[i]), int(data.prev_start[i]))


def _repair(data: Prepared, room, start, clock: _Clock, seed: int):
    """Place the sessions the greedy left out, freeing more and more sessions around them.

    Each attempt frees the missing sessions with their speakers' other
    sessions and a sample of the sessions sitting where they could go; the
    sample doubles after each failure, up to the whole problem, which alone
    may prove that no schedule exists.
    """
    rng = random.Random(seed)
    missing = [int(i) for i in data.free if start[i] < 0]
    size = max(20, 2 * len(missing))
    while True:
        everything = size >= len(data.free) - len(missing)
        if everything:
            chosen, limit = [int(i) for i in data.free], clock.left()
        else:
            chosen = missing + _around(data, room, start, missing, rng, size)
            limit = min(clock.left(), 2.0)
        if limit <= 0:
            raise api.NoSchedule(
                "time_limit", {"seconds": round(clock.deadline - clock.started, 3)}
            )
        outcome = _solve(
            data, room, start, chosen, clock, seed=rng.randrange(2**30), time_limit=limit
        )
        if isinstance(outcome, tuple):
            return outcome[0], outcome[1]
        if everything:
            if outcome == "infeasible":
                raise api.NoSchedule("infeasible")
            raise api.NoSchedule(
                "time_limit", {"seconds": round(clock.deadline - clock.started, 3)}
            )
        size *= 2


def _around(data: Prepared, room, start, missing: list[int], rng: random.Random, size: int):
    """Unpinned sessions in the way of the missing ones: same speakers, or where they fit."""
    placed = np.nonzero((start >= 0) & ~data.pinned)[0]
    ends = data.ends(start)
    speakers_of_missing = {sp for i in missing for sp in data.sessions[i].speakers}
    sharing = [
        int(j) for j in placed if speakers_of_missing.intersection(data.sessions[j].speakers)
    ]
    in_the_way = np.zeros(data.n, dtype=bool)
    for i in missing:
        starts = np.nonzero(data.allowed_start[i])[0]
        span_ends = data.span_end[i, starts]
        overlaps = (starts[:, None] < ends[placed][None, :]) & (
            span_ends[:, None] > start[placed][None, :]
        )
        in_the_way[placed[overlaps.any(axis=0) & data.allowed_room[i, room[placed]]]] = True
    pool = [int(j) for j in np.nonzero(in_the_way)[0] if int(j) not in set(sharing)]
    return sharing + rng.sample(pool, min(len(pool), max(0, size - len(sharing))))


def _improve(data: Prepared, room, start, clock: _Clock, seed: int):
    """Large-neighbourhood search until the deadline."""
    rng = random.Random(seed)
    clock.stage = "search"
    best = clock.best_total
    size = min(len(data.free), 25)
    while clock.left() > 0.05:
        disturbed = _disturbed(data, room, start)
        times_fixed = not len(disturbed) and rng.random() < 0.2
        if times_fixed:
            chosen = _one_day(data, start, rng)
        else:
            chosen = _neighbourhood(data, room, start, rng, size, disturbed)
        limit = min(ROUND_SECONDS, clock.left())
        began = time.perf_counter()
        outcome = _solve(
            data,
            room,
            start,
            chosen,
            clock,
            seed=rng.randrange(2**30),
            time_limit=limit,
            times_fixed=times_fixed,
        )
        if outcome is None or outcome == "infeasible":
            size = max(6, int(size * 0.8))
            continue
        new_room, new_start, proven = outcome
        total = data.total(data.terms(new_room, new_start))
        clock.rounds[0] += 1
        clock.rounds[1] += total < best
        clock.rounds[2] += proven
        if total <= best:
            room, start, best = new_room, new_start, total
            clock.best_total = best
        if times_fixed:
            continue
        fast = proven and time.perf_counter() - began < limit / 2
        size = (
            min(len(data.free), MAX_ROUND_SESSIONS, int(size * 1.15) + 1)
            if fast
            else max(6, int(size * 0.85))
        )
        clock.maybe_report()
    return room, start


def _one_day(data: Prepared, start, rng: random.Random) -> list[int]:
    """Every unpinned session of a day, to re-assign rooms with their times kept."""
    day = rng.randrange(len(data.days))
    on_day = (start >= 0) & (data.day_of[np.maximum(start, 0)] == day) & ~data.pinned
    return [int(i) for i in np.nonzero(on_day)[0]]


def _neighbourhood(
    data: Prepared, room, start, rng: random.Random, size: int, disturbed: np.ndarray
) -> list[int]:
    free = data.free
    if size >= len(free):
        return list(free)
    kind = rng.choice(("conflict", "window", "rooms", "rooms", "track", "random"))
    chosen: list[int] = []
    ends = data.ends(start)
    movable = ~data.pinned
    if len(disturbed):
        # Fewest-changes mode repairs around what changed (see `_disturbed`).
        seed_session = int(rng.choice(list(disturbed)))
        partners = np.argsort(-data.W[seed_session])[:size]
        near = np.nonzero(
            (start < ends[seed_session] + 2) & (ends > start[seed_session] - 2) & movable
        )[0]
        sharing = [
            j for sp in data.sessions[seed_session].speakers for j in data.sessions_of_speaker[sp]
        ]
        pool = [seed_session, *sharing, *partners[data.W[seed_session, partners] > 0], *near]
        pool = _unique(pool, movable)
        rng.shuffle(pool)
        others = [int(i) for i in disturbed if movable[i]]
        return _unique([*rng.sample(others, min(len(others), size // 3)), *pool], movable)[:size]
    if kind == "conflict":
        seed_session = _costly_session(data, start, ends, rng)
        partners = np.argsort(-data.W[seed_session])[: size * 2]
        near = np.nonzero(
            (start < ends[seed_session] + 2) & (ends > start[seed_session] - 2) & movable
        )[0]
        pool = [seed_session, *partners[data.W[seed_session, partners] > 0], *near]
        chosen = _unique(pool, movable)
        rng.shuffle(chosen)
        chosen = [seed_session, *[i for i in chosen if i != seed_session]]
    elif kind == "window":
        for _ in range(2):
            t = rng.randrange(data.T)
            width = rng.randint(2, 6)
            chosen += list(np.nonzero((start < t + width) & (ends > t) & movable)[0])
        chosen = _unique(chosen, movable)
        rng.shuffle(chosen)
    elif kind == "rooms":
        day = rng.randrange(len(data.days))
        picked = rng.sample(range(data.R), min(data.R, rng.randint(2, 4)))
        on_day = data.day_of[np.maximum(start, 0)] == day
        chosen = _unique(np.nonzero(np.isin(room, picked) & on_day & movable)[0], movable)
    elif kind == "track" and data.tracks:
        track = rng.randrange(len(data.tracks))
        members = np.nonzero((data.track_of == track) & movable)[0]
        rooms_used = np.unique(room[members])
        neighbours = np.nonzero(np.isin(room, rooms_used) & movable)[0]
        chosen = _unique(
            [*members, *rng.sample(list(neighbours), min(len(neighbours), size))], movable
        )
    chosen = chosen[:size]
    if len(chosen) < size:
        rest = [i for i in free if i not in set(chosen)]
        chosen += rng.sample(rest, min(len(rest), size - len(chosen)))
    return chosen


def _disturbed(data: Prepared, room, start) -> np.ndarray:
    """Fewest-changes mode: sessions not where `previous` had them (pinned ones included).

    Rounds then free only sessions around them, so that re-planning after a
    few moves repairs the programme locally instead of re-optimising it
    everywhere; empty when there is no previous schedule, no change weight,
    or nothing has moved (the search then roams as usual).
    """
    if not data.weights.changes or not (data.prev_start >= 0).any():
        return np.zeros(0, dtype=np.int64)
    return np.nonzero((start != data.prev_start) | (room != data.prev_room))[0]


def _costly_session(data: Prepared, start, ends, rng: random.Random) -> int:
    movable = data.free
    s, e = start[movable], ends[movable]
    overlap = (s[:, None] < e[None, :]) & (s[None, :] < e[:, None])
    cost = (data.W[np.ix_(movable, movable)] * overlap).sum(axis=1).astype(np.float64) + 1.0
    return int(rng.choices(list(movable), weights=list(cost))[0])


def _unique(pool, movable) -> list[int]:
    seen, found = set(), []
    for i in pool:
        i = int(i)
        if movable[i] and i not in seen:
            seen.add(i)
            found.append(i)
    return found


def _solve(
    data: Prepared,
    room,
    start,
    chosen,
    clock: _Clock,
    *,
    seed: int,
    time_limit: float,
    times_fixed: bool = False,
):
    """Solve with `chosen` freed: (room, start, proven), "infeasible", or None (no answer).

    With `times_fixed`, the freed sessions keep their start and only change rooms.
    """
    chosen = [int(i) for i in chosen]
    model, z, y = _build(data, room, start, chosen, clock, times_fixed=times_fixed)
    if any(not z[i] or not y[i] for i in chosen):
        # A freed session has no place left beside the kept ones.
        return "infeasible"
    clock.maybe_report()
    _hint(model, z, y, room, start, chosen)
    clock.maybe_report()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = seed % (2**31)
    # Probing costs about half a second per model at the summit's size and
    # pays only on long solves; the search's rounds are short.
    solver.parameters.cp_model_probing_level = 0 if len(chosen) < len(data.free) else 2
    status = _solve_ticking(solver, model, clock)
    if status == cp_model.INFEASIBLE:
        return "infeasible"
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    room, start = room.copy(), start.copy()
    for i in chosen:
        start[i] = next(t for t, var in z[i].items() if solver.boolean_value(var))
        room[i] = next(r for r, var in y[i].items() if solver.boolean_value(var))
    return room, start, status == cp_model.OPTIMAL


def _hint(model: cp_model.CpModel, z, y, room, start, chosen) -> None:
    """Hint the current places of the freed sessions, completed to every variable.

    A hint of the placements alone leaves CP-SAT to complete the rest, which
    it often fails to do in a short round (it then returns worse schedules);
    solving the model with the placements fixed (milliseconds) gives a value
    for every variable.
    """
    placed = [i for i in chosen if start[i] >= 0 and start[i] in z[i] and room[i] in y[i]]
    if len(placed) == len(chosen) and placed:
        fixed = model.clone()
        for i in placed:
            fixed.add(fixed.get_bool_var_from_proto_index(z[i][int(start[i])].index) == 1)
            fixed.add(fixed.get_bool_var_from_proto_index(y[i][int(room[i])].index) == 1)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = 1.0
        if solver.solve(fixed) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            count = len(model.proto.variables)
            model.proto.solution_hint.vars.extend(range(count))
            model.proto.solution_hint.values.extend(list(solver.response_proto.solution)[:count])
            return
    for i in placed:
        for t, var in z[i].items():
            model.add_hint(var, t == start[i])
        for r, var in y[i].items():
            model.add_hint(var, r == room[i])


def _solve_ticking(solver: cp_model.CpSolver, model: cp_model.CpModel, clock: _Clock):
    """Solve in a thread (CP-SAT releases the GIL) and report progress from this one."""
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("status", solver.solve(model)))
    thread.start()
    try:
        while thread.is_alive():
            thread.join(TICK_SECONDS / 5)
            clock.maybe_report()
    except BaseException:
        # A progress callback that raises (a cancelled job) stops the search.
        solver.stop_search()
        thread.join()
        raise
    return outcome.get("status", cp_model.UNKNOWN)


def _build(data: Prepared, room, start, chosen: list[int], clock: _Clock, *, times_fixed: bool):
    """The CP-SAT model with `chosen` freed and every other placed session kept."""
    weights = data.weights
    model = cp_model.CpModel()
    freed = np.zeros(data.n, dtype=bool)
    freed[chosen] = True
    kept_start = np.where(freed, -1, start)
    board = Board(data, room, kept_start)
    kept = np.nonzero(kept_start >= 0)[0]
    kept_ends = data.ends(kept_start)
    z, y, S, E, L, D, costs = {}, {}, {}, {}, {}, {}, []
    for i in chosen:
        clock.maybe_report()
        rooms, starts, free = board.choices(i)
        usable = free.any(axis=0)
        if times_fixed:
            usable &= starts == start[i]
        starts = starts[usable]
        rooms = rooms[free[:, usable].any(axis=1)]
        ends = data.span_end[i, starts]
        z[i] = {int(t): model.new_bool_var("") for t in starts}
        y[i] = {int(r): model.new_bool_var("") for r in rooms}
        model.add_exactly_one(z[i].values())
        model.add_exactly_one(y[i].values())
        by_day = defaultdict(list)
        for t, var in z[i].items():
            by_day[int(data.day_of[t])].append(var)
        if len(by_day) == 1:
            D[i] = dict.fromkeys(by_day, 1)
        else:
            D[i] = {day: model.new_bool_var("") for day in by_day}
            for day, day_vars in by_day.items():
                model.add(D[i][day] == sum(day_vars))
        S[i] = model.new_int_var_from_domain(cp_model.Domain.from_values(list(z[i])), "")
        E[i] = model.new_int_var_from_domain(cp_model.Domain.from_values(ends.tolist()), "")
        model.add(S[i] == sum(int(t) * var for t, var in z[i].items()))
        model.add(E[i] == sum(int(e) * var for e, var in zip(ends, z[i].values(), strict=True)))
        sizes = sorted({int(e - t) for t, e in zip(starts, ends, strict=True)})
        L[i] = model.new_int_var_from_domain(cp_model.Domain.from_values(sizes), "")
        model.add(L[i] == E[i] - S[i])
        conflicts = data.conflict_cost(i, kept_start, kept_ends, kept)
        over = np.maximum(data.audience[i] - data.capacity, 0)
        costs += [weights.attendee_conflicts * int(conflicts[t]) * var for t, var in z[i].items()]
        costs += [weights.over_capacity * int(over[r]) * var for r, var in y[i].items()]
    _room_no_overlap(data, model, chosen, y, S, E, L, kept, kept_start, kept_ends, room)
    for members in data.sessions_of_speaker.values():
        members = [i for i in members if freed[i]]
        if len(members) > 1:
            model.add_no_overlap([model.new_interval_var(S[i], L[i], E[i], "") for i in members])
    # With times fixed, attendee pairs among the freed sessions are constant.
    if len(chosen) <= PAIR_TERMS_SESSIONS and not times_fixed:
        costs += _pair_terms(data, model, chosen, z, S, E)
    costs += _track_terms(data, model, chosen, D, y, board)
    costs += _popular_terms(data, model, chosen, D, board)
    costs += _change_terms(data, model, chosen, z, y)
    model.minimize(sum(costs))
    return model, z, y


def _room_no_overlap(data, model, chosen, y, S, E, L, kept, kept_start, kept_ends, room):
    by_room = defaultdict(list)
    for i in chosen:
        for r, var in y[i].items():
            by_room[r].append(model.new_optional_interval_var(S[i], L[i], E[i], var, ""))
    for r, intervals in by_room.items():
        if len(intervals) < 2 and not (room[kept] == r).any():
            continue
        for j in kept[room[kept] == r]:
            a, b = int(kept_start[j]), int(kept_ends[j])
            intervals.append(model.new_fixed_size_interval_var(a, b - a, ""))
        model.add_no_overlap(intervals)


def _pair_terms(data, model, chosen, z, S, E) -> list:
    costs = []
    span = {i: (min(z[i]), max(E_i for E_i in _end_values(data, i, z))) for i in chosen}
    for position, i in enumerate(chosen):
        for j in chosen[position + 1 :]:
            weight = int(data.W[i, j])
            if not weight or span[i][0] >= span[j][1] or span[j][0] >= span[i][1]:
                continue
            together, before, after = (model.new_bool_var("") for _ in range(3))
            model.add(E[i] <= S[j]).only_enforce_if(before)
            model.add(E[j] <= S[i]).only_enforce_if(after)
            model.add_bool_or([together, before, after])
            costs.append(data.weights.attendee_conflicts * weight * together)
    return costs


def _end_values(data, i, z):
    return [int(data.span_end[i, t]) for t in z[i]]


def _track_terms(data, model, chosen, D, y, board: Board) -> list:
    weight = data.weights.track_rooms
    if not weight:
        return []
    members = defaultdict(list)
    for i in chosen:
        if data.track_of[i] >= 0:
            members[int(data.track_of[i])].append(i)
    costs = []
    for track, sessions in members.items():
        used = defaultdict(list)  # (day, room) -> [session's presence there]
        for i in sessions:
            for day, on_day in D[i].items():
                kept_rooms = board.track_rooms.get((track, day), set())
                for r, room_var in y[i].items():
                    if r in kept_rooms:
                        continue
                    if isinstance(on_day, int):
                        used[day, r].append(room_var)
                        continue
                    here = model.new_bool_var("")
                    model.add(here >= room_var + on_day - 1)
                    used[day, r].append(here)
        per_day = defaultdict(list)
        for (day, _room), flags in used.items():
            any_here = model.new_bool_var("")
            model.add_max_equality(any_here, flags)
            per_day[day].append(any_here)
        for day, flags in per_day.items():
            if board.track_rooms.get((track, day)):
                costs += [weight * flag for flag in flags]
            else:
                present = model.new_bool_var("")
                model.add(present <= sum(flags))
                costs.append(weight * (sum(flags) - present))
    return costs


def _popular_terms(data, model, chosen, D, board: Board) -> list:
    weight = data.weights.popular_spread
    popular = [i for i in chosen if data.popular[i]]
    if not weight or not popular:
        return []
    costs = []
    for day in range(len(data.days)):
        count = int(board.popular_days[day]) + sum(D[i].get(day, 0) for i in popular)
        excess = model.new_int_var(0, len(popular) + int(board.popular_days[day]), "")
        model.add(excess >= count - data.popular_target)
        costs.append(weight * excess)
    return costs


def _change_terms(data, model, chosen, z, y) -> list:
    weight = data.weights.changes
    costs = []
    for i in chosen:
        if not weight or data.prev_start[i] < 0:
            continue
        same_start = z[i].get(int(data.prev_start[i]))
        same_room = y[i].get(int(data.prev_room[i]))
        if same_start is None or same_room is None:
            costs.append(weight)
            continue
        changed = model.new_bool_var("")
        model.add(changed >= 1 - same_start)
        model.add(changed >= 1 - same_room)
        costs.append(weight * changed)
    return costs
