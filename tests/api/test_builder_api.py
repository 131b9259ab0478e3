"""The organisers' API of the agenda builder: the working agenda, its warnings, moves."""

import datetime as dt
import json

import pytest

from cosummit.programme.models import Slot
from tests.api.helpers import bearer
from tests.factories import RoomFactory, UserFactory, VenueFactory
from tests.programme.factories import DayFactory, SessionFactory

pytestmark = pytest.mark.django_db


def at(summit, hour, minute=0, days=0):
    date = summit.start_date + dt.timedelta(days=days)
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=summit.tz)


@pytest.fixture
def room(summit):
    DayFactory(summit=summit)
    return RoomFactory(venue=VenueFactory(summit=summit), capacity=100)


def utc(moment: dt.datetime) -> str:
    """How the API writes a datetime: in UTC."""
    return moment.astimezone(dt.UTC).isoformat()


def url(summit, rest: str) -> str:
    return f"/api/v1/summits/{summit.slug}/programme/working/{rest}"


def body(response):
    return json.loads(response.content)


def test_organisers_read_the_working_agenda(client, summit, room, organiser_token):
    placed = SessionFactory(summit=summit, title="Open budgets", room=room, starts_at=at(summit, 9))
    waiting = SessionFactory(summit=summit, title="Waiting")
    response = client.get(url(summit, "slots"), headers=bearer(organiser_token))
    assert response.status_code == 200
    assert sorted(body(response), key=lambda row: row["session"]) == [
        {
            "session": placed.pk,
            "title": "Open budgets",
            "kind": "session",
            "room": room.pk,
            "starts_at": utc(at(summit, 9)),
            "ends_at": utc(at(summit, 10)),
            "is_pinned": False,
            "takes_whole_venue": False,
            "pitch_session": None,
        },
        {
            "session": waiting.pk,
            "title": "Waiting",
            "kind": "session",
            "room": None,
            "starts_at": None,
            "ends_at": None,
            "is_pinned": False,
            "takes_whole_venue": False,
            "pitch_session": None,
        },
    ]


def test_the_working_agenda_filters_by_day_and_placement(client, summit, room, organiser_token):
    first = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    SessionFactory(summit=summit, room=room, starts_at=at(summit, 9, days=1))
    waiting = SessionFactory(summit=summit)
    day = summit.start_date.isoformat()
    by_day = client.get(url(summit, f"slots?day={day}"), headers=bearer(organiser_token))
    unplaced = client.get(url(summit, "slots?placed=false"), headers=bearer(organiser_token))
    assert [row["session"] for row in body(by_day)] == [first.pk]
    assert [row["session"] for row in body(unplaced)] == [waiting.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_the_working_agenda_runs_the_same_queries_for_1_and_3_sessions(
    client, summit, room, organiser_token, django_assert_num_queries, count
):
    for hour in range(count):
        SessionFactory(
            summit=summit, speakers=[UserFactory()], room=room, starts_at=at(summit, 9 + hour)
        )
    with django_assert_num_queries(6):
        response = client.get(url(summit, "slots"), headers=bearer(organiser_token))
    assert len(body(response)) == count


def test_an_organiser_moves_a_session(client, summit, room, organiser_token):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9), duration=45)
    other = RoomFactory(venue=room.venue)
    response = client.put(
        url(summit, f"sessions/{session.pk}/place"),
        {"room": other.pk, "starts_at": at(summit, 14).isoformat()},
        content_type="application/json",
        headers=bearer(organiser_token),
    )
    assert response.status_code == 200
    assert (body(response)["room"], body(response)["starts_at"], body(response)["ends_at"]) == (
        other.pk,
        utc(at(summit, 14)),
        utc(at(summit, 14, 45)),
    )
    slot = Slot.objects.get(session=session)
    assert (slot.room, slot.starts_at, slot.ends_at) == (other, at(summit, 14), at(summit, 14, 45))


def test_a_move_by_post_and_a_time_without_zone_in_the_summits_time(
    client, summit, room, organiser_token
):
    session = SessionFactory(summit=summit)
    response = client.post(
        url(summit, f"sessions/{session.pk}/place"),
        {"room": room.pk, "starts_at": f"{summit.start_date.isoformat()}T11:00:00"},
        content_type="application/json",
        headers=bearer(organiser_token),
    )
    assert response.status_code == 200
    assert Slot.objects.get(session=session).starts_at == at(summit, 11)


@pytest.mark.parametrize(
    ("payload", "detail"),
    [
        (
            {"room": "FOREIGN", "starts_at": "DAY1"},
            "This room is not in one of the summit's venues.",
        ),
        ({"room": 999999, "starts_at": "DAY1"}, "This room is not in one of the summit's venues."),
        (
            {"room": "ROOM", "starts_at": "DAY3"},
            "is not a day of the programme: add the day first.",
        ),
        ({"room": None, "starts_at": "DAY1"}, "Choose a room."),
    ],
)
def test_a_move_that_cannot_be_made_is_refused_with_422(
    client, summit, room, organiser_token, payload, detail
):
    session = SessionFactory(summit=summit)
    values = {
        "FOREIGN": RoomFactory().pk,
        "ROOM": room.pk,
        "DAY1": at(summit, 9).isoformat(),
        "DAY3": at(summit, 9, days=2).isoformat(),
    }
    data = {key: values.get(value, value) for key, value in payload.items()}
    response = client.put(
        url(summit, f"sessions/{session.pk}/place"),
        data,
        content_type="application/json",
        headers=bearer(organiser_token),
    )
    assert response.status_code == 422
    assert body(response)["detail"].endswith(detail)
    assert Slot.objects.get(session=session).starts_at is None


def test_a_malformed_move_is_refused_with_422(client, summit, room, organiser_token):
    session = SessionFactory(summit=summit)
    response = client.put(
        url(summit, f"sessions/{session.pk}/place"),
        {"room": room.pk, "starts_at": "soon"},
        content_type="application/json",
        headers=bearer(organiser_token),
    )
    assert response.status_code == 422
    assert [problem["field"] for problem in body(response)["errors"]] == ["payload.starts_at"]
    assert Slot.objects.get(session=session).starts_at is None


def test_a_move_to_a_time_out_of_range_in_the_summits_zone_is_refused_with_422(
    client, summit, room, organiser_token
):
    session = SessionFactory(summit=summit)
    response = client.put(
        url(summit, f"sessions/{session.pk}/place"),
        {"room": room.pk, "starts_at": "0001-01-01T00:00:00+14:00"},
        content_type="application/json",
        headers=bearer(organiser_token),
    )
    assert (response.status_code, body(response)["detail"]) == (
        422,
        "0001-01-01 is not a day of the programme: add the day first.",
    )
    assert Slot.objects.get(session=session).starts_at is None


def test_an_organiser_unschedules_a_session(client, summit, room, organiser_token):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    response = client.post(
        url(summit, f"sessions/{session.pk}/unschedule"), headers=bearer(organiser_token)
    )
    assert (response.status_code, body(response)["starts_at"], body(response)["room"]) == (
        200,
        None,
        None,
    )
    assert Slot.objects.get(session=session).starts_at is None


def test_warnings_are_listed(client, summit, room, organiser_token):
    session = SessionFactory(
        summit=summit, title="Crowded", room=room, starts_at=at(summit, 9), expected_audience=500
    )
    response = client.get(url(summit, "warnings"), headers=bearer(organiser_token))
    assert body(response) == [
        {
            "kind": "room_too_small",
            "session": session.pk,
            "title": "Crowded",
            "message": "About 500 people are expected; the room holds 100.",
            "starts_at": utc(at(summit, 9)),
            "other": None,
        }
    ]


def test_others_get_404_and_change_nothing(client, summit, room, other_token):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    answers = [
        client.get(url(summit, "slots"), headers=bearer(other_token)),
        client.get(url(summit, "warnings"), headers=bearer(other_token)),
        client.put(
            url(summit, f"sessions/{session.pk}/place"),
            {"room": room.pk, "starts_at": at(summit, 14).isoformat()},
            content_type="application/json",
            headers=bearer(other_token),
        ),
        client.post(url(summit, f"sessions/{session.pk}/unschedule"), headers=bearer(other_token)),
    ]
    assert [(a.status_code, body(a)["detail"]) for a in answers] == [
        (404, f"There is no summit “{summit.slug}” that you organise.")
    ] * 4
    assert Slot.objects.get(session=session).starts_at == at(summit, 9)


def test_a_session_of_another_summit_is_404(client, summit, room, organiser_token):
    other = SessionFactory()
    response = client.post(
        url(summit, f"sessions/{other.pk}/unschedule"), headers=bearer(organiser_token)
    )
    assert (response.status_code, body(response)["detail"]) == (
        404,
        f"The summit has no session number {other.pk}.",
    )


def test_a_token_is_needed(client, summit, room):
    assert client.get(url(summit, "slots")).status_code == 401
