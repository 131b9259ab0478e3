"""Deleting an event, after a confirmation page."""

import pytest

from cosummit.summits.models import Event
from tests.factories import EventFactory

from .factories_extra import shown_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def test_the_confirmation_page_asks_before_deleting_anything(logged_in, summit):
    EventFactory(summit=summit, slug="launch", title={"en": "Launch"})
    response = logged_in.get(f"/en/organise/{summit.slug}/events/launch/delete/")
    assert "<h1>Delete the event “Launch”?</h1>" in response.text
    assert f'<a href="/en/organise/{summit.slug}/events/">Cancel</a>' in response.text
    assert Event.objects.count() == 1


def test_confirming_deletes_the_event_and_only_it(logged_in, summit):
    EventFactory(summit=summit, slug="launch", title={"en": "Launch"})
    kept = EventFactory(summit=summit)
    response = logged_in.post(f"/en/organise/{summit.slug}/events/launch/delete/", follow=True)
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/events/", 302)]
    assert shown_messages(response) == ["The event “Launch” was deleted."]
    assert list(Event.objects.all()) == [kept]


def test_a_deleted_event_is_no_longer_public(client, logged_in, summit):
    EventFactory(summit=summit, slug="launch")
    logged_in.post(f"/en/organise/{summit.slug}/events/launch/delete/")
    assert client.get(f"/en/{summit.slug}/events/launch/").status_code == 404
