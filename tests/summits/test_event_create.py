"""Adding an event to a summit."""

import datetime as dt

import pytest
from django.utils import timezone

from cosummit.summits.models import Event
from tests.factories import EventFactory, SummitFactory, VenueFactory

from .factories_extra import event_data, shown_messages, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def next_year() -> int:
    return timezone.localdate().year + 1


def test_an_organiser_adds_an_event_with_every_field(logged_in, summit):
    venue = VenueFactory(summit=summit)
    data = event_data(
        kind="hackathon",
        venue=str(venue.pk),
        location="Salle B",
        online_url="https://stream.example.org/hack",
        **translated("summary", en="Build tools", fr="Construire des outils"),
        **translated("description", en="*Bring a laptop.*"),
    )
    response = logged_in.post(f"/en/organise/{summit.slug}/events/new/", data, follow=True)
    event = Event.objects.get()
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/events/", 302)]
    assert shown_messages(response) == ["The event “Co-creation workshop” was added."]
    assert (event.summit, event.kind, event.slug, event.venue) == (
        summit,
        "hackathon",
        "co-creation-workshop",
        venue,
    )
    assert (event.title, event.summary, event.description) == (
        {"fr": "Atelier de co-création", "en": "Co-creation workshop"},
        {"fr": "Construire des outils", "en": "Build tools"},
        {"en": "*Bring a laptop.*"},
    )
    assert (event.location, event.online_url, event.is_published, event.timezone) == (
        "Salle B",
        "https://stream.example.org/hack",
        True,
        "",
    )
    assert (event.starts_at, event.ends_at) == (
        dt.datetime(2016, 12, 7, 8, 0, tzinfo=dt.UTC),
        dt.datetime(2016, 12, 7, 11, 30, tzinfo=dt.UTC),
    )


def test_an_event_added_by_an_organiser_appears_on_the_public_events_list(
    client, logged_in, summit
):
    year = next_year()
    data = event_data(starts_at=f"{year}-03-01T10:00", ends_at=f"{year}-03-01T12:00")
    logged_in.post(f"/en/organise/{summit.slug}/events/new/", data)
    logged_in.logout()
    response = client.get(f"/en/{summit.slug}/events/")
    assert [event.slug for event in response.context["events"]] == ["co-creation-workshop"]
    assert "Co-creation workshop" in response.text


def test_an_unpublished_event_stays_off_the_public_events_list(client, logged_in, summit):
    year = next_year()
    data = event_data(starts_at=f"{year}-03-01T10:00", ends_at=f"{year}-03-01T12:00")
    del data["is_published"]
    logged_in.post(f"/en/organise/{summit.slug}/events/new/", data)
    logged_in.logout()
    response = client.get(f"/en/{summit.slug}/events/")
    assert (Event.objects.get().is_published, response.context["events"]) == (False, [])


def test_an_empty_short_name_is_made_from_the_title_and_numbered_when_taken(logged_in, summit):
    EventFactory(summit=summit, slug="co-creation-workshop")
    logged_in.post(f"/en/organise/{summit.slug}/events/new/", event_data(slug=""))
    logged_in.post(f"/fr/organise/{summit.slug}/events/new/", event_data(slug=""))
    assert list(Event.objects.order_by("pk").values_list("slug", flat=True)) == [
        "co-creation-workshop",
        "co-creation-workshop-2",
        "atelier-de-co-creation",
    ]


def test_the_same_short_name_may_be_used_by_another_summit(logged_in, summit):
    EventFactory(summit=SummitFactory(), slug="co-creation-workshop")
    logged_in.post(f"/en/organise/{summit.slug}/events/new/", event_data())
    assert Event.objects.filter(summit=summit, slug="co-creation-workshop").count() == 1


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        (
            {"slug": "taken"},
            "slug",
            "Another event of this summit already uses this short name, or it is reserved.",
        ),
        (
            {"slug": "new"},
            "slug",
            "Another event of this summit already uses this short name, or it is reserved.",
        ),
        ({"slug": "two words"}, "slug", None),
        (translated("title"), "title", "Fill this in, in at least one language."),
        ({"kind": "party"}, "kind", None),
        ({"ends_at": "2016-12-07T08:59"}, "ends_at", "The end cannot be before the start."),
        ({"starts_at": "tomorrow morning"}, "starts_at", "Enter a valid date/time."),
        ({"ends_at": ""}, "ends_at", "This field is required."),
        ({"timezone": "Europe/Atlantis"}, "timezone", None),
        ({"online_url": "not a link"}, "online_url", "Enter a valid URL."),
        ({"venue": "999999"}, "venue", None),
        (translated("title", en="x" * 201), "title", None),
    ],
)
def test_bad_input_adds_no_event_and_says_what_is_wrong(logged_in, summit, change, field, error):
    EventFactory(summit=summit, slug="taken")
    response = logged_in.post(f"/en/organise/{summit.slug}/events/new/", event_data(**change))
    assert response.status_code == 200
    assert Event.objects.count() == 1
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if error is not None:
        assert errors[field] == [error]


def test_a_venue_of_another_summit_is_refused(logged_in, summit):
    elsewhere = VenueFactory(summit=SummitFactory())
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/new/", event_data(venue=str(elsewhere.pk))
    )
    assert response.context["form"].errors == {
        "venue": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert Event.objects.count() == 0


def test_the_venue_menu_offers_this_summits_venues_only(logged_in, summit):
    mine = VenueFactory(summit=summit, name={"en": "Palais d'Iéna"})
    VenueFactory(summit=SummitFactory(), name={"en": "Somewhere else"})
    response = logged_in.get(f"/en/organise/{summit.slug}/events/new/")
    assert list(response.context["form"].fields["venue"].queryset) == [mine]
    assert "Somewhere else" not in response.text
