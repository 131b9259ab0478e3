"""Editing a summit's details, and publishing it or taking it back to a draft."""

import datetime as dt

import pytest

from cosummit.summits.models import Summit
from tests.factories import SummitFactory, VenueFactory

from .factories_extra import shown_messages, summit_data, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def saved(summit) -> dict:
    return Summit.objects.filter(pk=summit.pk).values().get()


def test_the_form_shows_the_saved_details(logged_in, summit):
    response = logged_in.get(f"/en/organise/{summit.slug}/edit/")
    assert 'name="languages" value="fr, en"' in response.text
    assert f'name="start_date" value="{summit.start_date.isoformat()}"' in response.text
    assert '<option value="Europe/Paris" selected>Europe/Paris</option>' in response.text


def test_an_organiser_changes_every_detail(logged_in, summit):
    venue = VenueFactory(summit=summit)
    data = summit_data(
        slug="ogp-2016",
        venue=str(venue.pk),
        timezone="America/Montreal",
        languages="EN; es",
        **translated("tagline", en="Co-create", fr="Co-construire"),
        **translated("description", en="**Welcome**"),
    )
    response = logged_in.post(f"/en/organise/{summit.slug}/edit/", data, follow=True)
    summit.refresh_from_db()
    assert response.redirect_chain == [("/en/organise/ogp-2016/", 302)]
    assert shown_messages(response) == ["The summit’s details were saved."]
    assert (summit.slug, summit.venue, summit.timezone, summit.languages) == (
        "ogp-2016",
        venue,
        "America/Montreal",
        ["en", "es"],
    )
    assert (summit.name, summit.tagline, summit.description) == (
        {"fr": "Sommet mondial du PGO", "en": "OGP Global Summit"},
        {"fr": "Co-construire", "en": "Co-create"},
        {"en": "**Welcome**"},
    )
    assert (summit.start_date, summit.end_date) == (dt.date(2016, 12, 7), dt.date(2016, 12, 9))


def test_the_main_venue_is_chosen_among_this_summits_venues_only(logged_in, summit):
    elsewhere = VenueFactory(summit=SummitFactory())
    before = saved(summit)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/edit/", summit_data(slug=summit.slug, venue=elsewhere.pk)
    )
    assert response.context["form"].errors == {
        "venue": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert saved(summit) == before


@pytest.mark.parametrize(
    "change",
    [
        {"slug": "taken"},
        {"end_date": "2000-01-01"},
        {"languages": "fr, 12"},
        {"city": ""},
        translated("name"),
    ],
)
def test_bad_input_changes_nothing_and_keeps_the_saved_name_on_the_page(logged_in, summit, change):
    SummitFactory(slug="taken")
    before = saved(summit)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/edit/", summit_data(**{"slug": summit.slug, **change})
    )
    assert response.status_code == 200
    assert response.context["form"].errors != {}
    assert saved(summit) == before
    assert f'<a href="/en/organise/{summit.slug}/"><span lang="en">{summit.name["en"]}' in (
        response.text
    )


def test_an_organiser_takes_the_summit_back_to_a_draft_then_publishes_it(logged_in, summit):
    url = f"/en/organise/{summit.slug}/publication/"
    response = logged_in.post(url, {"is_published": "0"}, follow=True)
    summit.refresh_from_db()
    assert (summit.is_published, shown_messages(response)) == (
        False,
        ["The summit is a draft again: only its team can see it."],
    )
    response = logged_in.post(url, {"is_published": "1"}, follow=True)
    summit.refresh_from_db()
    assert (summit.is_published, shown_messages(response)) == (
        True,
        ["The summit is published: everyone can see it."],
    )
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/", 302)]


@pytest.mark.parametrize("data", [{}, {"is_published": "maybe"}])
def test_a_publication_request_not_understood_changes_nothing(logged_in, summit, data):
    response = logged_in.post(f"/en/organise/{summit.slug}/publication/", data, follow=True)
    summit.refresh_from_db()
    assert (summit.is_published, shown_messages(response)) == (
        True,
        ["Nothing was changed: the request was not understood."],
    )


def test_a_draft_summit_is_hidden_from_visitors(client, logged_in, summit):
    logged_in.post(f"/en/organise/{summit.slug}/publication/", {"is_published": "0"})
    logged_in.logout()
    assert client.get(f"/en/{summit.slug}/").status_code == 404
