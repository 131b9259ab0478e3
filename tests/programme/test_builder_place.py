"""Placing a session: the "Set room and time" form, drag and drop's JSON answer, unschedule, pin."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from cosummit.programme import builder
from cosummit.programme.models import Session, Slot
from tests.factories import RoomFactory, VenueFactory
from tests.programme.builder_helpers import (
    at,
    day_fixture,  # noqa: F401
    local,
    organiser_client_fixture,  # noqa: F401
    other_room_fixture,  # noqa: F401
    page,
    room_fixture,  # noqa: F401
    shown_messages,
    venue_fixture,  # noqa: F401
)
from tests.programme.factories import SessionFactory

pytestmark = pytest.mark.django_db


def place(slot: Slot) -> tuple:
    slot.refresh_from_db()
    return (slot.room, slot.starts_at, slot.ends_at)


def test_the_form_places_a_session_and_returns_to_its_days_grid(
    organiser_client, summit, day, room
):
    session = SessionFactory(summit=summit, title="Open budgets", duration=45)
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": room.pk, "starts_at": local(at(summit, 10, 30))},
        follow=True,
    )
    assert response.redirect_chain == [(page("grid", summit, day=day.date.isoformat()), 302)]
    assert shown_messages(response) == ["“Open budgets” was placed."]
    assert place(Slot.objects.get(session=session)) == (
        room,
        at(summit, 10, 30),
        at(summit, 11, 15),
    )


def test_the_form_returns_to_the_page_it_was_sent_from(organiser_client, summit, day, room):
    session = SessionFactory(summit=summit)
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": room.pk, "starts_at": local(at(summit, 9)), "next": page("unscheduled", summit)},
    )
    assert response["Location"] == page("unscheduled", summit)


@pytest.mark.parametrize(
    "elsewhere", ["//evil.example/", "/\\evil.example/", "https://evil.example/", "grid"]
)
def test_a_next_address_off_the_site_is_ignored(organiser_client, summit, day, room, elsewhere):
    session = SessionFactory(summit=summit)
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": room.pk, "starts_at": local(at(summit, 9)), "next": elsewhere},
    )
    assert response["Location"] == page("grid", summit, day=day.date.isoformat())


def test_the_form_shows_the_current_place(organiser_client, summit, day, room):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 14))
    response = organiser_client.get(page("session_place", summit, session=session.pk))
    assert response.context["form"]["room"].value() == room.pk
    assert response.context["form"]["starts_at"].value() == local(at(summit, 14))


def test_drag_and_drop_gets_json_back(organiser_client, summit, day, room, other_room):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": other_room.pk, "starts_at": local(at(summit, 12))},
        headers={"accept": "application/json"},
    )
    assert (response.status_code, json.loads(response.content)) == (200, {"placed": True})
    assert place(Slot.objects.get(session=session)) == (other_room, at(summit, 12), at(summit, 13))


def test_a_refused_drop_gets_the_reason_in_json(organiser_client, summit, day, room):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": room.pk, "starts_at": local(at(summit, 9, days=1))},
        headers={"accept": "application/json"},
    )
    next_day = summit.start_date + dt.timedelta(days=1)
    assert response.status_code == 422
    assert json.loads(response.content)["errors"] == [
        f"{next_day.isoformat()} is not a day of the programme: add the day first."
    ]
    assert place(Slot.objects.get(session=session)) == (room, at(summit, 9), at(summit, 10))


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"starts_at": ""}, "starts_at", "This field is required."),
        ({"starts_at": "tomorrow"}, "starts_at", "Enter a valid date/time."),
        ({"room": "999999"}, "room", "Choose one of the summit's rooms."),
        ({"room": ""}, "__all__", "Choose a room."),
    ],
)
def test_bad_input_places_nothing(organiser_client, summit, day, room, data, field, error):
    session = SessionFactory(summit=summit)
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": room.pk, "starts_at": local(at(summit, 9)), **data},
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert place(Slot.objects.get(session=session)) == (None, None, None)


def test_a_room_of_another_summit_is_refused(organiser_client, summit, day):
    foreign = RoomFactory()
    session = SessionFactory(summit=summit)
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": foreign.pk, "starts_at": local(at(summit, 9))},
    )
    assert response.context["form"].errors["room"] == ["Choose one of the summit's rooms."]
    assert place(Slot.objects.get(session=session)) == (None, None, None)


def test_the_domain_refuses_a_room_of_another_summit(summit, day, organiser):
    session = SessionFactory(summit=summit)
    with pytest.raises(ValidationError) as error:
        builder.place_session(session, room=RoomFactory(), starts_at=at(summit, 9), by=organiser)
    assert error.value.messages == ["This room is not in one of the summit's venues."]


def test_a_session_without_duration_is_refused(organiser_client, summit, day, room):
    session = SessionFactory(summit=summit, duration=None)
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": room.pk, "starts_at": local(at(summit, 9))},
    )
    assert response.context["form"].errors["__all__"] == [
        "Give the session a duration before placing it."
    ]


def test_a_time_the_clocks_skip_is_refused(organiser_client, summit, room):
    session = SessionFactory(summit=summit)
    response = organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": room.pk, "starts_at": "2027-03-28T02:30"},
    )
    assert response.context["form"].errors["starts_at"] == [
        "This time does not exist in Europe/Paris: the clocks skip it that day."
    ]


def test_a_fixed_item_holding_every_room_needs_no_room(organiser_client, summit, day):
    lunch = SessionFactory(summit=summit, kind="break", takes_whole_venue=True, duration=60)
    organiser_client.post(
        page("session_place", summit, session=lunch.pk),
        {"room": "", "starts_at": local(at(summit, 12, 30))},
    )
    assert place(Slot.objects.get(session=lunch)) == (None, at(summit, 12, 30), at(summit, 13, 30))


def test_an_organiser_unschedules_a_session(organiser_client, summit, day, room):
    session = SessionFactory(summit=summit, title="Open data", room=room, starts_at=at(summit, 9))
    response = organiser_client.post(
        page("session_unschedule", summit, session=session.pk), follow=True
    )
    assert response.redirect_chain == [(page("unscheduled", summit), 302)]
    assert shown_messages(response) == ["“Open data” is no longer placed."]
    assert place(Slot.objects.get(session=session)) == (None, None, None)


def test_unschedule_only_answers_posts(organiser_client, summit, day, room):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    response = organiser_client.get(page("session_unschedule", summit, session=session.pk))
    assert response.status_code == 405
    assert place(Slot.objects.get(session=session)) == (room, at(summit, 9), at(summit, 10))


def test_an_organiser_pins_and_unpins_a_session(organiser_client, summit):
    session = SessionFactory(summit=summit, title="Opening")
    response = organiser_client.post(
        page("session_pin", summit, session=session.pk), {"pinned": "1"}, follow=True
    )
    assert shown_messages(response) == ["“Opening” is pinned."]
    assert Session.objects.get().is_pinned is True
    organiser_client.post(page("session_pin", summit, session=session.pk), {"pinned": "0"})
    assert Session.objects.get().is_pinned is False


def test_a_room_in_a_second_venue_of_the_summit_is_accepted(organiser_client, summit, day):
    annex = RoomFactory(venue=VenueFactory(summit=summit))
    session = SessionFactory(summit=summit)
    organiser_client.post(
        page("session_place", summit, session=session.pk),
        {"room": annex.pk, "starts_at": local(at(summit, 9))},
    )
    assert place(Slot.objects.get(session=session)) == (annex, at(summit, 9), at(summit, 10))
