"""A day's time grid: the slots sessions are placed in, shared by every room.

Pure: minutes from midnight in, minutes from midnight out. The builder's grid
and the scheduler's problem both cut a day with `day_slots` (the public grid
draws the times sessions were placed at instead: `agenda.day_grid`).
"""

from collections.abc import Iterable


def day_slots(
    starts: int, ends: int, slot_minutes: int, blocked: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The (start, end) slots of a day, in minutes from midnight.

    Slots of `slot_minutes` follow each other from `starts`; a blocked period
    (a break, a meal, a plenary holding every room) pushes the next slot to
    its end. A last slot that would end after `ends` is cut short if it keeps
    at least half its length, and dropped otherwise.
    """
    periods = sorted((start, end) for start, end in blocked if end > start)
    slots = []
    cursor = starts
    while cursor < ends:
        end = min(cursor + slot_minutes, ends)
        overlapping = [p for p in periods if p[0] < end and p[1] > cursor]
        if overlapping:
            first_start, first_end = overlapping[0]
            if first_start - cursor >= slot_minutes / 2:
                slots.append((cursor, first_start))
            cursor = max(cursor, first_end)
            continue
        if end - cursor >= slot_minutes / 2:
            slots.append((cursor, end))
        cursor = end
    return slots
