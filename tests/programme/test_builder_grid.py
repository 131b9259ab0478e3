"""The grid of a day: rooms × the day's slots, fixed items, warnings, the unscheduled list."""

import pytest

from tests.factories import RoomFactory, UserFactory
from tests.programme.builder_helpers import (
    at,
    day_fixture,  # noqa: F401
    organiser_client_fixture,  # noqa: F401
    other_room_fixture,  # noqa: F401
    page,
    room_fixture,  # noqa: F401
    venue_fixture,  # noqa: F401
)
from tests.programme.factories import SessionFactory

pytestmark = pytest.mark.django_db


def grid_of(client, summit, day, language="en"):
    response = client.get(page("grid", summit, language, day=day.date.isoformat()))
    assert response.status_code == 200
    return response


def cells(response) -> dict:
    """{(row start "HH:MM", room name): [session titles]} of the grid's non-empty cells."""
    zone = response.context["summit"].tz
    return {
        (row.starts_at.astimezone(zone).strftime("%H:%M"), str(cell.room.name)): [
            item.slot.session.title for item in cell.items
        ]
        for row in response.context["grid"].rows
        for cell in row.cells
        if cell.items
    }


def test_sessions_sit_in_their_room_and_time_with_the_days_slots_as_rows(
    organiser_client, summit, day, room, other_room
):
    SessionFactory(summit=summit, title="Open budgets", room=room, starts_at=at(summit, 9))
    SessionFactory(
        summit=summit, title="Open permits", room=other_room, starts_at=at(summit, 10, 45)
    )
    response = grid_of(organiser_client, summit, day)
    zone = summit.tz
    assert [
        row.starts_at.astimezone(zone).strftime("%H:%M") for row in response.context["grid"].rows
    ] == ["09:00", "10:30", "12:00", "13:30", "15:00", "16:30"]
    assert cells(response) == {
        ("09:00", "Salle Iéna"): ["Open budgets"],
        ("10:30", "Salle Rome"): ["Open permits"],
    }


def test_a_fixed_item_holding_every_room_is_a_row_of_its_own_and_cuts_the_grid(
    organiser_client, summit, day, room
):
    SessionFactory(
        summit=summit,
        title="Lunch",
        kind="break",
        takes_whole_venue=True,
        is_pinned=True,
        duration=60,
        starts_at=at(summit, 12),
    )
    response = grid_of(organiser_client, summit, day)
    rows = [
        (
            row.starts_at.astimezone(summit.tz).strftime("%H:%M"),
            [i.slot.session.title for i in row.fixed],
        )
        for row in response.context["grid"].rows
    ]
    assert rows == [
        ("09:00", []),
        ("10:30", []),
        ("12:00", ["Lunch"]),
        ("13:00", []),
        ("14:30", []),
        ("16:00", []),
    ]
    content = response.content.decode()
    assert content.count('colspan="1"') == 1


def test_a_session_with_warnings_is_marked_on_the_grid(organiser_client, summit, day, room):
    SessionFactory(
        summit=summit, title="Crowded", room=room, starts_at=at(summit, 9), expected_audience=500
    )
    content = grid_of(organiser_client, summit, day).content.decode()
    assert content.count("builder-session--warned") == 1
    assert content.count("About 500 people are expected; the room holds 100.") == 1


def test_sessions_off_the_grid_are_listed_elsewhere(organiser_client, summit, day, room):
    SessionFactory(summit=summit, title="Early bird", room=room, starts_at=at(summit, 7))
    response = grid_of(organiser_client, summit, day)
    assert [item.slot.session.title for item in response.context["grid"].elsewhere] == [
        "Early bird"
    ]
    assert cells(response) == {}


def test_the_unscheduled_list_is_beside_the_grid_with_a_place_form(
    organiser_client, summit, day, room
):
    waiting = SessionFactory(summit=summit, title="Waiting")
    response = grid_of(organiser_client, summit, day)
    assert [item.slot.session for item in response.context["unscheduled"]] == [waiting]
    content = response.content.decode()
    assert f'action="{page("session_place", summit, session=waiting.pk)}"' in content
    assert f'id="starts-{waiting.pk}" value="{day.date.isoformat()}T09:00"' in content


def test_the_grid_works_by_day_id_too(organiser_client, summit, day, room):
    SessionFactory(summit=summit, title="Open budgets", room=room, starts_at=at(summit, 9))
    response = organiser_client.get(page("grid", summit, day=str(day.pk)))
    assert cells(response) == {("09:00", "Salle Iéna"): ["Open budgets"]}


def test_drag_and_drop_comes_from_a_static_script_with_data_on_cells_and_cards(
    organiser_client, summit, day, room
):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    content = grid_of(organiser_client, summit, day).content.decode()
    assert content.count('<script src="/static/programme/builder.js" defer></script>') == 1
    assert content.count("<script") == 1
    assert content.count(f'data-room="{room.pk}" data-starts="{day.date.isoformat()}T09:00"') == 1
    assert (
        content.count(f'data-place-url="{page("session_place", summit, session=session.pk)}"') == 1
    )
    assert content.count("data-unschedule-target") == 1


def test_the_grid_says_when_the_summit_has_no_room(organiser_client, summit, day):
    content = grid_of(organiser_client, summit, day).content.decode()
    assert content.count("The summit has no room yet") == 1


def test_the_grid_renders_in_french(organiser_client, summit, day, room):
    SessionFactory(summit=summit, title="Budgets ouverts", room=room, starts_at=at(summit, 9))
    response = grid_of(organiser_client, summit, day, "fr")
    assert response.content.decode().count("Budgets ouverts") == 1
    assert response.context["LANGUAGE_CODE"] == "fr"


@pytest.mark.parametrize("count", [1, 3])
def test_the_grid_runs_the_same_queries_for_1_and_3_sessions(
    organiser_client, summit, day, venue, django_assert_num_queries, count
):
    for number in range(count):
        SessionFactory(
            summit=summit,
            speakers=[UserFactory(), UserFactory()],
            room=RoomFactory(venue=venue),
            starts_at=at(summit, 9 + number),
        )
        SessionFactory(summit=summit, speakers=[UserFactory()])
    with django_assert_num_queries(24):
        response = organiser_client.get(page("grid", summit, day=day.date.isoformat()))
    assert len(response.context["unscheduled"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_unscheduled_page_runs_the_same_queries_for_1_and_3_sessions(
    organiser_client, summit, day, room, django_assert_num_queries, count
):
    for _number in range(count):
        SessionFactory(summit=summit, speakers=[UserFactory()])
    with django_assert_num_queries(10):
        response = organiser_client.get(page("unscheduled", summit))
    assert len(response.context["items"]) == count


def test_the_index_gives_the_figures_and_links(organiser_client, summit, day, room):
    SessionFactory(summit=summit, room=room, starts_at=at(summit, 9), expected_audience=500)
    SessionFactory(summit=summit)
    response = organiser_client.get(page("index", summit))
    assert response.context["figures"] == {
        "sessions": 2,
        "placed": 1,
        "unscheduled": 1,
        "warnings": 1,
        "unavailabilities": 0,
    }
    content = response.content.decode()
    assert content.count(f'href="{page("grid", summit, day=day.date.isoformat())}"') == 1
