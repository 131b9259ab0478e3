"""Venues of a summit: listed with their rooms, added, edited and deleted."""

import pytest

from cosummit.summits.models import Event, Room, Summit, Venue
from tests.factories import EventFactory, RoomFactory, SummitFactory, VenueFactory

from .factories_extra import shown_messages, translated, venue_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def saved(venue) -> dict:
    return Venue.objects.filter(pk=venue.pk).values().get()


def test_the_list_shows_each_venue_with_its_rooms(logged_in, summit):
    venue = VenueFactory(summit=summit, name={"en": "Palais d'Iéna"})
    room = RoomFactory(venue=venue, name={"en": "Hemicycle"}, capacity=350)
    empty = VenueFactory(summit=summit, name={"en": "Gaîté Lyrique"})
    VenueFactory(summit=SummitFactory(), name={"en": "Elsewhere"})
    response = logged_in.get(f"/en/organise/{summit.slug}/venues/")
    assert response.context["venues"] == [venue, empty]
    assert "Elsewhere" not in response.text
    assert '<td><span lang="en">Hemicycle</span></td>\n        <td>350</td>' in response.text
    assert f'href="/en/organise/{summit.slug}/rooms/{room.pk}/"' in response.text
    assert f'href="/en/organise/{summit.slug}/rooms/new/?venue={empty.pk}"' in response.text
    assert "No room yet." in response.text


def test_the_list_makes_a_constant_number_of_queries(logged_in, summit, django_assert_num_queries):
    RoomFactory(venue=VenueFactory(summit=summit))
    with django_assert_num_queries(6):
        logged_in.get(f"/en/organise/{summit.slug}/venues/")
    for _ in range(2):
        RoomFactory.create_batch(2, venue=VenueFactory(summit=summit))
    with django_assert_num_queries(6):
        response = logged_in.get(f"/en/organise/{summit.slug}/venues/")
    assert len(response.context["venues"]) == 3


def test_an_organiser_adds_a_venue(logged_in, summit):
    data = venue_data(**translated("accessibility", en="Step-free entrance on avenue d'Iéna."))
    response = logged_in.post(f"/en/organise/{summit.slug}/venues/new/", data, follow=True)
    venue = Venue.objects.get()
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/venues/", 302)]
    assert shown_messages(response) == ["The venue “Palais d'Iéna” was added."]
    assert (venue.summit, venue.name, venue.address, venue.city, venue.country.code) == (
        summit,
        {"fr": "Palais d'Iéna", "en": "Palais d'Iéna"},
        "9 place d'Iéna",
        "Paris",
        "FR",
    )
    assert venue.accessibility == {"en": "Step-free entrance on avenue d'Iéna."}


@pytest.mark.parametrize(
    ("change", "field"),
    [(translated("name"), "name"), ({"city": ""}, "city"), ({"country": "Atlantis"}, "country")],
)
def test_bad_input_adds_no_venue(logged_in, summit, change, field):
    response = logged_in.post(f"/en/organise/{summit.slug}/venues/new/", venue_data(**change))
    assert list(response.context["form"].errors) == [field]
    assert Venue.objects.count() == 0


def test_an_organiser_edits_a_venue(logged_in, summit):
    venue = VenueFactory(summit=summit)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/venues/{venue.pk}/",
        venue_data(city="Lyon", **translated("name", en="Conference centre")),
        follow=True,
    )
    venue.refresh_from_db()
    assert shown_messages(response) == ["The venue “Conference centre” was saved."]
    assert (venue.city, venue.name) == ("Lyon", {"en": "Conference centre"})


def test_bad_input_changes_no_venue(logged_in, summit):
    venue = VenueFactory(summit=summit, name={"en": "Palais"})
    before = saved(venue)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/venues/{venue.pk}/", venue_data(city="", country="")
    )
    assert sorted(response.context["form"].errors) == ["city", "country"]
    assert saved(venue) == before
    assert "<h1>Edit the venue “Palais”</h1>" in response.text


def test_deleting_a_venue_says_what_goes_with_it_then_deletes_its_rooms(logged_in, summit):
    venue = VenueFactory(summit=summit, name={"en": "Palais"})
    RoomFactory.create_batch(2, venue=venue)
    event = EventFactory(summit=summit, venue=venue)
    Summit.objects.filter(pk=summit.pk).update(venue=venue)
    page = logged_in.get(f"/en/organise/{summit.slug}/venues/{venue.pk}/delete/")
    assert "<h1>Delete the venue “Palais”?</h1>" in page.text
    assert "<li>Its 2 rooms will be deleted too.</li>" in page.text
    assert "<li>1 event held there will have no venue.</li>" in page.text
    assert Venue.objects.count() == 1
    response = logged_in.post(f"/en/organise/{summit.slug}/venues/{venue.pk}/delete/", follow=True)
    summit.refresh_from_db()
    assert shown_messages(response) == ["The venue “Palais” was deleted."]
    assert (Venue.objects.count(), Room.objects.count()) == (0, 0)
    assert (Event.objects.get(pk=event.pk).venue, summit.venue) == (None, None)
