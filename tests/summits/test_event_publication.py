"""Publishing an event, or hiding it from visitors."""

import pytest

from tests.factories import EventFactory

from .factories_extra import shown_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def test_hiding_an_event_takes_it_off_the_public_list(client, logged_in, summit):
    event = EventFactory(summit=summit, slug="launch", title={"en": "Launch"})
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/launch/publication/",
        {"is_published": "0"},
        follow=True,
    )
    event.refresh_from_db()
    assert (event.is_published, shown_messages(response)) == (
        False,
        ["“Launch” is hidden from visitors."],
    )
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/events/", 302)]
    logged_in.logout()
    assert client.get(f"/en/{summit.slug}/events/").context["events"] == []


def test_publishing_an_event_puts_it_on_the_public_list(client, logged_in, summit):
    event = EventFactory(summit=summit, slug="launch", title={"en": "Launch"}, is_published=False)
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/launch/publication/",
        {"is_published": "1"},
        follow=True,
    )
    event.refresh_from_db()
    assert (event.is_published, shown_messages(response)) == (True, ["“Launch” is published."])
    logged_in.logout()
    assert client.get(f"/en/{summit.slug}/events/").context["events"] == [event]


def test_the_button_leads_back_to_the_page_it_was_on(logged_in, summit):
    EventFactory(summit=summit, slug="launch")
    back = f"/en/organise/{summit.slug}/events/launch/"
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/launch/publication/",
        {"is_published": "0", "next": back},
    )
    assert response["Location"] == back


def test_the_button_never_leads_to_another_site(logged_in, summit):
    EventFactory(summit=summit, slug="launch")
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/launch/publication/",
        {"is_published": "0", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/en/organise/{summit.slug}/events/"


@pytest.mark.parametrize("data", [{}, {"is_published": "yes please"}])
def test_a_request_not_understood_changes_nothing(logged_in, summit, data):
    event = EventFactory(summit=summit, slug="launch")
    response = logged_in.post(
        f"/en/organise/{summit.slug}/events/launch/publication/", data, follow=True
    )
    event.refresh_from_db()
    assert (event.is_published, shown_messages(response)) == (
        True,
        ["Nothing was changed: the request was not understood."],
    )
