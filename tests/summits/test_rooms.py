"""Rooms, each in one of the summit's venues."""

import pytest

from cosummit.summits.models import Room
from tests.factories import RoomFactory, SummitFactory, VenueFactory

from .factories_extra import room_data, shown_messages, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def venue(summit):
    return VenueFactory(summit=summit)


def saved(room) -> dict:
    return Room.objects.filter(pk=room.pk).values().get()


def test_the_form_preselects_the_venue_it_was_opened_from(logged_in, summit, venue):
    second = VenueFactory(summit=summit)
    response = logged_in.get(f"/en/organise/{summit.slug}/rooms/new/?venue={second.pk}")
    assert response.context["form"]["venue"].value() == str(second.pk)
    assert list(response.context["form"].fields["venue"].queryset) == [venue, second]


def test_an_organiser_adds_a_room(logged_in, summit, venue):
    data = room_data(venue, **translated("accessibility", en="Induction loop."))
    response = logged_in.post(f"/en/organise/{summit.slug}/rooms/new/", data, follow=True)
    room = Room.objects.get()
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/venues/", 302)]
    assert shown_messages(response) == ["The room “Hemicycle” was added."]
    assert (room.venue, room.name, room.capacity, room.accessibility) == (
        venue,
        {"fr": "Hémicycle", "en": "Hemicycle"},
        350,
        {"en": "Induction loop."},
    )


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"capacity": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"capacity": "-20"}, "Ensure this value is greater than or equal to 1."),
        ({"capacity": "lots"}, "Enter a whole number."),
        ({"capacity": "12.5"}, "Enter a whole number."),
        ({"capacity": "99999999999"}, "Ensure this value is less than or equal to 1000000."),
        ({"capacity": ""}, "This field is required."),
    ],
)
def test_a_capacity_that_is_not_a_positive_whole_number_is_refused(
    logged_in, summit, venue, change, error
):
    response = logged_in.post(f"/en/organise/{summit.slug}/rooms/new/", room_data(venue, **change))
    assert response.context["form"].errors == {"capacity": [error]}
    assert Room.objects.count() == 0


def test_a_room_cannot_be_put_in_another_summits_venue(logged_in, summit, venue):
    elsewhere = VenueFactory(summit=SummitFactory())
    room = RoomFactory(venue=venue)
    before = saved(room)
    created = logged_in.post(f"/en/organise/{summit.slug}/rooms/new/", room_data(elsewhere))
    moved = logged_in.post(f"/en/organise/{summit.slug}/rooms/{room.pk}/", room_data(elsewhere))
    assert list(created.context["form"].errors) == ["venue"]
    assert list(moved.context["form"].errors) == ["venue"]
    assert (Room.objects.count(), saved(room)) == (1, before)


def test_an_organiser_edits_a_room_and_moves_it_to_another_venue(logged_in, summit, venue):
    room = RoomFactory(venue=venue)
    second = VenueFactory(summit=summit)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/rooms/{room.pk}/",
        room_data(second, capacity="80"),
        follow=True,
    )
    room.refresh_from_db()
    assert shown_messages(response) == ["The room “Hemicycle” was saved."]
    assert (room.venue, room.capacity) == (second, 80)


def test_bad_input_changes_no_room(logged_in, summit, venue):
    room = RoomFactory(venue=venue, name={"en": "Salon"})
    before = saved(room)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/rooms/{room.pk}/",
        room_data(venue, capacity="0", **translated("name")),
    )
    assert sorted(response.context["form"].errors) == ["capacity", "name"]
    assert saved(room) == before
    assert "<h1>Edit the room “Salon”</h1>" in response.text


def test_an_organiser_deletes_a_room_after_confirming(logged_in, summit, venue):
    room = RoomFactory(venue=venue, name={"en": "Salon"})
    page = logged_in.get(f"/en/organise/{summit.slug}/rooms/{room.pk}/delete/")
    assert "<h1>Delete the room “Salon”?</h1>" in page.text
    response = logged_in.post(f"/en/organise/{summit.slug}/rooms/{room.pk}/delete/", follow=True)
    assert shown_messages(response) == ["The room “Salon” was deleted."]
    assert (Room.objects.count(), venue.__class__.objects.count()) == (0, 1)


def test_a_summit_without_venues_is_asked_for_a_venue_first(logged_in, summit):
    response = logged_in.get(f"/en/organise/{summit.slug}/rooms/new/", follow=True)
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/venues/new/", 302)]
    assert shown_messages(response) == ["Add a venue first: every room belongs to a venue."]
