"""Editing an event."""

import datetime as dt

import pytest

from cosummit.summits.models import Event
from tests.factories import EventFactory, SummitFactory, VenueFactory

from .factories_extra import event_data, shown_messages, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def event(summit):
    return EventFactory(
        summit=summit,
        slug="launch",
        title={"en": "Launch", "fr": "Lancement"},
        starts_at=dt.datetime(2016, 4, 20, 16, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 4, 20, 19, 0, tzinfo=dt.UTC),
    )


def saved(event) -> dict:
    return Event.objects.filter(pk=event.pk).values().get()


def test_the_form_shows_the_saved_event(logged_in, summit, event):
    response = logged_in.get(f"/en/organise/{summit.slug}/events/launch/")
    assert response.context["form"].instance.pk == event.pk
    assert "<h1>Edit “Launch”</h1>" in response.text
    assert response.context["form"]["title"].value() == {"en": "Launch", "fr": "Lancement"}
    assert 'value="Launch" lang="en"' in response.text
    assert 'name="starts_at" value="2016-04-20T18:00"' in response.text


def test_an_organiser_changes_an_event(logged_in, summit, event):
    venue = VenueFactory(summit=summit)
    data = event_data(
        slug="launch-event",
        kind="launch",
        venue=str(venue.pk),
        **translated("title", en="Launch of the summit", fr="Lancement du sommet"),
    )
    response = logged_in.post(f"/en/organise/{summit.slug}/events/launch/", data, follow=True)
    event.refresh_from_db()
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/events/", 302)]
    assert shown_messages(response) == ["The event “Launch of the summit” was saved."]
    assert (event.slug, event.kind, event.venue, event.title) == (
        "launch-event",
        "launch",
        venue,
        {"en": "Launch of the summit", "fr": "Lancement du sommet"},
    )
    assert event.starts_at == dt.datetime(2016, 12, 7, 8, 0, tzinfo=dt.UTC)
    assert logged_in.get(f"/en/organise/{summit.slug}/events/launch-event/").status_code == 200


def test_an_event_keeps_its_own_short_name_when_saved(logged_in, summit, event):
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/launch/", event_data(slug="launch")
    )
    event.refresh_from_db()
    assert (response.status_code, event.slug) == (302, "launch")


@pytest.mark.parametrize(
    "change",
    [
        {"slug": "taken"},
        {"slug": "new"},
        {"ends_at": "2016-12-06T09:00"},
        {"starts_at": "2016-13-45T99:00"},
        {"kind": ""},
        {"venue": "not-a-number"},
        {"online_url": "javascript:alert(1)"},
        translated("title"),
    ],
)
def test_bad_input_changes_nothing_and_keeps_the_saved_title_on_the_page(
    logged_in, summit, event, change
):
    EventFactory(summit=summit, slug="taken")
    before = saved(event)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/launch/", event_data(**{"slug": "launch", **change})
    )
    assert response.status_code == 200
    assert response.context["form"].errors != {}
    assert saved(event) == before
    assert "<h1>Edit “Launch”</h1>" in response.text


def test_a_venue_of_another_summit_is_refused(logged_in, summit, event):
    elsewhere = VenueFactory(summit=SummitFactory())
    before = saved(event)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/launch/",
        event_data(slug="launch", venue=str(elsewhere.pk)),
    )
    assert list(response.context["form"].errors) == ["venue"]
    assert saved(event) == before
