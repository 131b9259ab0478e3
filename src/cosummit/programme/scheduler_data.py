"""The scheduler's problem as arrays: spans, allowed places, evaluation, checks and insertion.

Internal to `cosummit.programme.scheduler` (read its docstring for the
definitions); `scheduler_search.py` builds its CP-SAT models on `Prepared`.

Indices: sessions by their position in `Problem.sessions`, rooms by their
position in `Problem.rooms`, slots sorted by (day, start). A session placed
at start slot `t` holds the slots `t .. end[t] - 1` (a contiguous range of
indices, never across days), so two sessions overlap exactly when their
ranges intersect.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping

import numpy as np

from cosummit.programme import scheduler as api


class Prepared:
    """Everything the greedy and the search need, computed once per problem."""

    def __init__(self, problem: api.Problem):
        self.problem = problem
        self.weights = problem.weights
        self.sessions = problem.sessions
        self.n = len(problem.sessions)
        self.index = {session.id: i for i, session in enumerate(problem.sessions)}
        if len(self.index) != self.n:
            raise ValueError("Session ids must be unique.")
        self._prepare_slots(problem.slots)
        self.rooms = problem.rooms
        self.room_index = {room.id: r for r, room in enumerate(problem.rooms)}
        if len(self.room_index) != len(self.rooms):
            raise ValueError("Room ids must be unique.")
        self.R = len(self.rooms)
        self.capacity = np.array([room.capacity for room in self.rooms], dtype=np.int64)
        self.audience = np.array([s.audience for s in self.sessions], dtype=np.int64)
        for session in self.sessions:
            if session.duration <= 0:
                raise ValueError(f"Session {session.id} must last at least one minute.")
        self._span_cache: dict[int, np.ndarray] = {}
        self.span_end = (
            np.stack([self._span_ends(s.duration) for s in self.sessions])
            if self.n
            else np.zeros((0, self.T), dtype=np.int64)
        )
        self.allowed_room = np.array(
            [
                [
                    s.needs <= room.features and room.capacity >= s.min_capacity
                    for room in self.rooms
                ]
                for s in self.sessions
            ],
            dtype=bool,
        ).reshape(self.n, self.R)
        self._prepare_speakers(problem.unavailable)
        self._prepare_starts()
        self.W = self._attendee_pairs(problem.interests)
        self._prepare_tracks_and_popularity()
        self.pin_room, self.pin_start = self._placement_arrays(
            {s.id: s.pinned for s in self.sessions if s.pinned is not None}, "Pinned"
        )
        self.prev_room, self.prev_start = self._placement_arrays(
            {sid: p for sid, p in problem.previous.items() if sid in self.index}, "Previous"
        )
        self.pinned = self.pin_start >= 0
        self.free = np.nonzero(~self.pinned)[0]

    # Preparation -------------------------------------------------------------

    def _prepare_slots(self, slots) -> None:
        self.slots = tuple(sorted(slots, key=lambda s: (s.day, s.start, s.id)))
        self.slot_index = {slot.id: k for k, slot in enumerate(self.slots)}
        if len(self.slot_index) != len(self.slots):
            raise ValueError("Slot ids must be unique.")
        self.T = len(self.slots)
        self.days = sorted({slot.day for slot in self.slots})
        day_number = {day: d for d, day in enumerate(self.days)}
        self.day_of = np.array([day_number[s.day] for s in self.slots], dtype=np.int64)
        self.slot_start = np.array([s.start for s in self.slots], dtype=np.int64)
        self.slot_end = np.array([s.end for s in self.slots], dtype=np.int64)
        for k, slot in enumerate(self.slots):
            if slot.end <= slot.start:
                raise ValueError(f"Slot {slot.id} must end after it starts.")
            if k and self.slots[k - 1].day == slot.day and self.slots[k - 1].end > slot.start:
                raise ValueError(f"Slots {self.slots[k - 1].id} and {slot.id} overlap.")
        # Day boundaries in slot indices, for per-day sums.
        self.day_range = [
            (
                int(np.searchsorted(self.day_of, d)),
                int(np.searchsorted(self.day_of, d, side="right")),
            )
            for d in range(len(self.days))
        ]

    def _span_ends(self, duration: int) -> np.ndarray:
        """For each start slot, the index after the last slot held, or -1 if it does not fit."""
        if duration in self._span_cache:
            return self._span_cache[duration]
        ends = np.full(self.T, -1, dtype=np.int64)
        for k in range(self.T):
            covered, j = 0, k
            while covered < duration and j < self.T:
                if j > k and (
                    self.day_of[j] != self.day_of[k] or self.slot_start[j] != self.slot_end[j - 1]
                ):
                    break
                covered += self.slot_end[j] - self.slot_start[j]
                j += 1
            if covered >= duration:
                ends[k] = j
        self._span_cache[duration] = ends
        return ends

    def _prepare_speakers(self, unavailable) -> None:
        self.sessions_of_speaker: dict[int, list[int]] = defaultdict(list)
        for i, session in enumerate(self.sessions):
            for speaker in set(session.speakers):
                self.sessions_of_speaker[speaker].append(i)
        self.unavailable_mask: dict[int, np.ndarray] = {}
        day_number = {day: d for d, day in enumerate(self.days)}
        for item in unavailable:
            if item.day not in day_number:
                continue
            mask = self.unavailable_mask.setdefault(item.speaker, np.zeros(self.T, dtype=bool))
            mask |= (
                (self.day_of == day_number[item.day])
                & (self.slot_start < item.end)
                & (self.slot_end > item.start)
            )

    def _prepare_starts(self) -> None:
        """`allowed_start[i, t]`: the span fits, on an allowed day, with every speaker available."""
        self.allowed_start = self.span_end >= 0
        for i, session in enumerate(self.sessions):
            if session.days is not None:
                days_ok = np.array([day in session.days for day in self.days], dtype=bool)
                self.allowed_start[i] &= days_ok[self.day_of] if self.T else days_ok[:0]
            masks = [
                self.unavailable_mask[sp] for sp in session.speakers if sp in self.unavailable_mask
            ]
            if masks:
                self.allowed_start[i] &= self.window_free(np.logical_or.reduce(masks), i)

    def window_free(self, busy: np.ndarray, i: int) -> np.ndarray:
        """For each start of session `i`: its span fits and holds no `busy` slot."""
        ends = self.span_end[i]
        counts = np.concatenate(([0], np.cumsum(busy)))
        safe_ends = np.where(ends >= 0, ends, 0)
        return (ends >= 0) & (counts[safe_ends] - counts[np.arange(self.T)] == 0)

    def _attendee_pairs(self, interests) -> np.ndarray:
        """`W[i, j]`: how many attendees are interested in both sessions (0 on the diagonal)."""
        firsts, seconds = [], []
        pairs_of_size: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for attendee in interests:
            known = np.array(sorted({self.index[s] for s in attendee if s in self.index}))
            if len(known) < 2:
                continue
            if len(known) not in pairs_of_size:
                pairs_of_size[len(known)] = np.triu_indices(len(known), 1)
            rows, columns = pairs_of_size[len(known)]
            firsts.append(known[rows])
            seconds.append(known[columns])
        if not firsts:
            return np.zeros((self.n, self.n), dtype=np.int64)
        flat = np.concatenate(firsts) * self.n + np.concatenate(seconds)
        W = np.bincount(flat, minlength=self.n * self.n).reshape(self.n, self.n)
        return (W + W.T).astype(np.int64)

    def _prepare_tracks_and_popularity(self) -> None:
        names = sorted({s.track for s in self.sessions if s.track is not None})
        number = {name: t for t, name in enumerate(names)}
        self.tracks = names
        self.track_of = np.array(
            [number[s.track] if s.track is not None else -1 for s in self.sessions], dtype=np.int64
        )
        # Popular: the tenth of the sessions (rounded up) with the largest
        # expected audience, ties to the smaller id, among those with one.
        candidates = sorted(
            (i for i in range(self.n) if self.audience[i] > 0),
            key=lambda i: (-self.audience[i], self.sessions[i].id),
        )
        chosen = candidates[: math.ceil(self.n / 10)]
        self.popular = np.zeros(self.n, dtype=bool)
        self.popular[chosen] = True
        self.popular_target = math.ceil(len(chosen) / len(self.days)) if self.days else 0

    def _placement_arrays(self, placements: Mapping[int, api.Placement], label: str):
        room = np.full(self.n, -1, dtype=np.int64)
        start = np.full(self.n, -1, dtype=np.int64)
        for sid, placement in placements.items():
            if placement.room not in self.room_index:
                raise ValueError(f"{label} session {sid} is in unknown room {placement.room}.")
            if placement.slot not in self.slot_index:
                raise ValueError(f"{label} session {sid} starts in unknown slot {placement.slot}.")
            i = self.index[sid]
            room[i] = self.room_index[placement.room]
            start[i] = self.slot_index[placement.slot]
        return room, start

    # Conversions ------------------------------------------------------------

    def arrays(self, placements: Mapping[int, api.Placement]) -> tuple[np.ndarray, np.ndarray]:
        unknown = [sid for sid in placements if sid not in self.index]
        if unknown:
            raise ValueError(f"Unknown session {unknown[0]} in the placements.")
        return self._placement_arrays(placements, "Placed")

    def placements(self, room: np.ndarray, start: np.ndarray) -> dict[int, api.Placement]:
        return {
            self.sessions[i].id: api.Placement(
                room=self.rooms[room[i]].id, slot=self.slots[start[i]].id
            )
            for i in range(self.n)
            if start[i] >= 0
        }

    def ends(self, start: np.ndarray) -> np.ndarray:
        """The end index of each placed session (at least start + 1), -1 when unplaced."""
        safe = np.where(start >= 0, start, 0)
        ends = self.span_end[np.arange(self.n), safe] if self.n else np.zeros(0, dtype=np.int64)
        return np.where(start >= 0, np.maximum(ends, safe + 1), -1)

    # Objective ---------------------------------------------------------------

    def terms(self, room: np.ndarray, start: np.ndarray) -> dict[str, int]:
        """Raw objective terms of the placed sessions (unplaced ones count nowhere)."""
        placed = np.nonzero(start >= 0)[0]
        s, e, r = start[placed], self.ends(start)[placed], room[placed]
        overlap = (s[:, None] < e[None, :]) & (s[None, :] < e[:, None])
        conflicts = int((self.W[np.ix_(placed, placed)] * overlap).sum() // 2)
        over = int(np.maximum(self.audience[placed] - self.capacity[r], 0).sum()) if len(r) else 0
        used = defaultdict(set)
        for i, room_index, start_index in zip(placed, r, s, strict=True):
            if self.track_of[i] >= 0:
                used[self.track_of[i], self.day_of[start_index]].add(room_index)
        track_rooms = sum(len(rooms) - 1 for rooms in used.values())
        popular_days = np.bincount(self.day_of[s[self.popular[placed]]], minlength=len(self.days))
        popular_spread = int(np.maximum(popular_days - self.popular_target, 0).sum())
        changed = (
            (start >= 0)
            & (self.prev_start >= 0)
            & ((start != self.prev_start) | (room != self.prev_room))
        )
        return {
            "attendee_conflicts": conflicts,
            "over_capacity": over,
            "track_rooms": track_rooms,
            "popular_spread": popular_spread,
            "changes": int(changed.sum()),
        }

    def total(self, terms: dict[str, int]) -> int:
        return sum(getattr(self.weights, name) * value for name, value in terms.items())

    def conflict_cost(self, i: int, start: np.ndarray, ends: np.ndarray, others: np.ndarray):
        """Attendee pairs session `i` shares with `others` (placed), for each of its starts."""
        weights = self.W[i, others]
        keep = weights > 0
        others, weights = others[keep], weights[keep]
        if not len(others):
            return np.zeros(self.T, dtype=np.int64)
        own_end = np.where(self.span_end[i] >= 0, self.span_end[i], np.arange(self.T) + 1)
        t = np.arange(self.T)
        overlap = (t[:, None] < ends[others][None, :]) & (start[others][None, :] < own_end[:, None])
        return overlap @ weights

    # Hard constraints -------------------------------------------------------

    def breaches(self, room: np.ndarray, start: np.ndarray, among: np.ndarray) -> list[tuple]:
        """Hard constraints broken by the placed sessions in `among` (indices)."""
        found = []
        ends = self.ends(start)
        placed = [i for i in among if start[i] >= 0]
        for i in placed:
            sid, t, r = self.sessions[i].id, start[i], room[i]
            if self.span_end[i, t] < 0:
                found.append(("does_not_fit", (sid, self.slots[t].id)))
            if not self.sessions[i].needs <= self.rooms[r].features:
                found.append(("missing_features", (sid, self.rooms[r].id)))
            if self.rooms[r].capacity < self.sessions[i].min_capacity:
                found.append(("room_too_small", (sid, self.rooms[r].id)))
            days = self.sessions[i].days
            if days is not None and self.slots[t].day not in days:
                found.append(("wrong_day", (sid, self.slots[t].day)))
            for speaker in sorted(set(self.sessions[i].speakers)):
                mask = self.unavailable_mask.get(speaker)
                if mask is not None and mask[t : ends[i]].any():
                    found.append(("speaker_unavailable", (speaker, sid)))
            if self.pinned[i] and (self.pin_room[i] != r or self.pin_start[i] != t):
                found.append(("pinned_moved", (sid,)))
        by_room = defaultdict(list)
        for i in placed:
            by_room[room[i]].append(i)
        for r, members in sorted(by_room.items()):
            for a, b in self._overlapping_pairs(members, start, ends):
                found.append(("room_clash", (self.rooms[r].id, a, b)))
        chosen = set(placed)
        for speaker, members in sorted(self.sessions_of_speaker.items()):
            members = [i for i in members if i in chosen]
            for a, b in self._overlapping_pairs(members, start, ends):
                found.append(("speaker_clash", (speaker, a, b)))
        return found

    def _overlapping_pairs(self, members, start, ends):
        ordered = sorted(members, key=lambda i: (start[i], self.sessions[i].id))
        for position, a in enumerate(ordered):
            for b in ordered[position + 1 :]:
                if start[b] >= ends[a]:
                    break
                yield tuple(sorted((self.sessions[a].id, self.sessions[b].id)))


class Board:
    """A partial schedule with the room and speaker occupancy needed to insert sessions."""

    def __init__(self, data: Prepared, room: np.ndarray, start: np.ndarray):
        self.data = data
        self.room = room.copy()
        self.start = start.copy()
        self.occupied = np.zeros((data.R, data.T), dtype=bool)
        self.busy: dict[int, np.ndarray] = {}
        self.track_rooms: dict[tuple[int, int], set[int]] = defaultdict(set)
        self.popular_days = np.zeros(len(data.days), dtype=np.int64)
        self.parallel = np.zeros(data.T, dtype=np.int64)
        for i in np.nonzero(self.start >= 0)[0]:
            self.hold(i, self.room[i], self.start[i])

    def hold(self, i: int, r: int, t: int) -> None:
        data = self.data
        end = max(data.span_end[i, t], t + 1)
        self.room[i], self.start[i] = r, t
        self.occupied[r, t:end] = True
        self.parallel[t:end] += 1
        for speaker in data.sessions[i].speakers:
            self.busy.setdefault(speaker, np.zeros(data.T, dtype=bool))[t:end] = True
        if data.track_of[i] >= 0:
            self.track_rooms[data.track_of[i], data.day_of[t]].add(r)
        if data.popular[i]:
            self.popular_days[data.day_of[t]] += 1

    def choices(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The free (room, start) pairs for session `i`: rooms, starts and a boolean matrix."""
        data = self.data
        ok = data.allowed_start[i].copy()
        masks = [self.busy[sp] for sp in data.sessions[i].speakers if sp in self.busy]
        if masks:
            ok &= data.window_free(np.logical_or.reduce(masks), i)
        starts = np.nonzero(ok)[0]
        rooms = np.nonzero(data.allowed_room[i])[0]
        counts = np.concatenate(
            (np.zeros((data.R, 1), dtype=np.int64), np.cumsum(self.occupied, axis=1)), axis=1
        )
        ends = data.span_end[i, starts]
        free = counts[np.ix_(rooms, ends)] - counts[np.ix_(rooms, starts)] == 0
        return rooms, starts, free

    def insert(self, i: int, *, cost_aware: bool) -> bool:
        """Place session `i` in its cheapest free place (or the first one); False when none."""
        data = self.data
        rooms, starts, free = self.choices(i)
        if not free.any():
            return False
        if not cost_aware:
            # First fit: the earliest start, then the smallest room that seats the
            # expected audience (the largest one when none does).
            fits = data.capacity[rooms] >= data.audience[i]
            rank = np.where(fits, data.capacity[rooms], 2**40 - data.capacity[rooms])
            column = int(np.argmax(free.any(axis=0)))
            row = min(np.nonzero(free[:, column])[0], key=lambda row: rank[row])
            self.hold(i, rooms[row], starts[column])
            return True
        cost = self._costs(i, rooms, starts).astype(np.float64)
        # Ties go to the start with fewer sessions in parallel, then to the earliest.
        cost += 1e-3 * self.parallel[starts][None, :] + 1e-7 * starts[None, :]
        cost[~free] = np.inf
        row, column = np.unravel_index(int(np.argmin(cost)), cost.shape)
        self.hold(i, rooms[row], starts[column])
        return True

    def _costs(self, i, rooms, starts) -> np.ndarray:
        data, weights = self.data, self.data.weights
        placed = np.nonzero(self.start >= 0)[0]
        conflicts = data.conflict_cost(i, self.start, data.ends(self.start), placed)[starts]
        cost = weights.attendee_conflicts * conflicts[None, :]
        over = np.maximum(data.audience[i] - data.capacity[rooms], 0)
        cost = cost + weights.over_capacity * over[:, None]
        days = data.day_of[starts]
        if data.track_of[i] >= 0:
            extra = np.zeros((len(rooms), len(starts)), dtype=np.int64)
            for d in np.unique(days):
                used = self.track_rooms.get((data.track_of[i], d))
                if used:
                    extra[:, days == d] = ~np.isin(rooms, list(used))[:, None]
            cost = cost + weights.track_rooms * extra
        if data.popular[i]:
            crowded = self.popular_days[days] >= data.popular_target
            cost = cost + weights.popular_spread * crowded[None, :]
        if data.prev_start[i] >= 0:
            same = (rooms[:, None] == data.prev_room[i]) & (starts[None, :] == data.prev_start[i])
            cost = cost + weights.changes * (~same)
        return cost


def insertion_order(data: Prepared, indices) -> list[int]:
    """The most constrained sessions first: fewest (room, start) pairs, longest, busiest."""
    return sorted(
        indices,
        key=lambda i: (
            int(data.allowed_room[i].sum()) * int(data.allowed_start[i].sum()),
            -int(data.span_end[i].max(initial=0)),
            -int(data.W[i].sum()),
            data.sessions[i].id,
        ),
    )


def check_feasibility(data: Prepared) -> None:
    """Raise `NoSchedule` for the causes that are cheap to see; the solver finds the rest."""
    pinned = np.nonzero(data.pinned)[0]
    for code, ids in data.breaches(data.pin_room, data.pin_start, pinned):
        if code in ("room_clash", "speaker_clash"):
            key = "room" if code == "room_clash" else "speaker"
            raise api.NoSchedule("pinned_clash", {key: ids[0], "sessions": list(ids[1:])})
        raise api.NoSchedule(
            "pinned_not_allowed", {"session": _session_of(code, ids), "reason": code}
        )
    board = Board(data, data.pin_room, data.pin_start)
    for i in data.free:
        sid = data.sessions[i].id
        if not data.allowed_room[i].any():
            raise api.NoSchedule("no_room_fits", {"session": sid})
        if not data.allowed_start[i].any():
            raise api.NoSchedule("no_time_fits", {"session": sid, "reason": _why_no_start(data, i)})
        if not board.choices(i)[2].any():
            raise api.NoSchedule("no_time_fits", {"session": sid, "reason": "pinned"})
    shortest = np.array(
        [
            int((data.span_end[i] - np.arange(data.T))[data.allowed_start[i]].min())
            for i in data.free
        ],
        dtype=np.int64,
    )
    free_cells = ~board.occupied
    features = sorted({f for i in data.free for f in data.sessions[i].needs})
    for feature in [None, *features]:
        members = [
            position
            for position, i in enumerate(data.free)
            if feature is None or feature in data.sessions[i].needs
        ]
        rooms = [
            r for r, room in enumerate(data.rooms) if feature is None or feature in room.features
        ]
        needed, available = int(shortest[members].sum()), int(free_cells[rooms].sum())
        if needed > available:
            details = {"needed_slots": needed, "available_slots": available}
            if feature is not None:
                details["feature"] = feature
            raise api.NoSchedule("not_enough_room_time", details)
    position_of = {i: position for position, i in enumerate(data.free)}
    for speaker, members in sorted(data.sessions_of_speaker.items()):
        if len(members) < 2:
            continue
        needed = sum(
            int(shortest[position_of[i]])
            if i in position_of
            else int(data.ends(data.pin_start)[i] - data.pin_start[i])
            for i in members
        )
        mask = data.unavailable_mask.get(speaker)
        available = data.T - (int(mask.sum()) if mask is not None else 0)
        if needed > available:
            raise api.NoSchedule(
                "speaker_overbooked",
                {
                    "speaker": speaker,
                    "sessions": sorted(data.sessions[i].id for i in members),
                    "needed_slots": needed,
                    "available_slots": available,
                },
            )


def _session_of(code: str, ids: tuple) -> int:
    return ids[1] if code == "speaker_unavailable" else ids[0]


def _why_no_start(data: Prepared, i: int) -> str:
    if not (data.span_end[i] >= 0).any():
        return "too_long"
    days = data.sessions[i].days
    if days is not None and not any(
        data.slots[t].day in days for t in np.nonzero(data.span_end[i] >= 0)[0]
    ):
        return "days"
    return "speaker_unavailable"
