"""How the agenda lays out released slots: grid lines, clashes, now and next."""

import datetime as dt
import zoneinfo

from cosummit.programme import agenda
from cosummit.programme.agenda_queries import AgendaSession, AgendaSlot
from cosummit.summits.models import Room

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
ALPHA = Room(pk=1, name={"en": "Alpha"}, capacity=10, position=0)
BETA = Room(pk=2, name={"en": "Beta"}, capacity=10, position=1)


def slot(pk, room, start, minutes, *, whole=False):
    starts_at = dt.datetime(2026, 12, 7, *start, tzinfo=PARIS)
    session = AgendaSession(pk=pk, kind="session", title=f"S{pk}", abstract="", language="en",
                            interpretation=[], takes_whole_venue=whole, track_id=None,
                            format_id=None)  # fmt: skip
    return AgendaSlot(pk=pk, session_id=pk, room_id=room.pk if room else None,
                      starts_at=starts_at, ends_at=starts_at + dt.timedelta(minutes=minutes),
                      session=session, room=room)  # fmt: skip


def test_grid_lines_follow_every_start_and_end():
    slots = [slot(1, ALPHA, (9, 0), 90), slot(2, BETA, (9, 30), 30), slot(3, BETA, (10, 0), 30)]
    grid = agenda.day_grid(slots)
    # Lines: 09:00 → 2, 09:30 → 3, 10:00 → 4, 10:30 → 5.
    assert [(item.slot.pk, item.row_start, item.row_end, item.column)
            for time in grid.times for item in time.items] == [
        (1, 2, 5, 2), (2, 3, 4, 3), (3, 4, 5, 3),
    ]  # fmt: skip
    assert [room.pk for room in grid.rooms] == [1, 2]


def test_slots_without_a_room_get_a_last_column_and_whole_venue_items_span_all():
    slots = [slot(1, None, (9, 0), 60), slot(2, ALPHA, (9, 0), 60),
             slot(3, None, (10, 0), 30, whole=True)]  # fmt: skip
    grid = agenda.day_grid(slots)
    assert grid.rooms == [ALPHA, None]
    items = [item for time in grid.times for item in time.items]
    assert [(item.slot.pk, item.css) for item in items] == [
        (2, "gr-s2 gr-e3 gc-2"),
        (1, "gr-s2 gr-e3 gc-3"),
        (3, "gr-s3 gr-e4 agenda-grid__item--whole"),
    ]


def test_sessions_that_only_touch_do_not_clash():
    first, second, touching = (
        slot(1, ALPHA, (9, 0), 60),
        slot(2, BETA, (9, 59), 30),
        slot(3, ALPHA, (10, 29), 30),
    )
    assert {pk: [other.pk for other in others]
            for pk, others in agenda.clashes([touching, second, first]).items()} == {
        1: [2], 2: [1],
    }  # fmt: skip
    assert agenda.clashes([slot(1, ALPHA, (9, 0), 60), slot(2, BETA, (10, 0), 60)]) == {}
