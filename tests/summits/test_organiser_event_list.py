"""The organiser's list of events: all of them, published or not, past or upcoming."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import EventFactory, SummitFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def test_the_list_holds_every_event_of_the_summit_and_no_other(logged_in, summit):
    past = EventFactory(
        summit=summit,
        starts_at=timezone.now() - dt.timedelta(days=30),
        ends_at=timezone.now() - dt.timedelta(days=29),
    )
    hidden = EventFactory(summit=summit, is_published=False, title={"en": "Hidden workshop"})
    EventFactory(summit=SummitFactory())
    response = logged_in.get(f"/en/organise/{summit.slug}/events/")
    assert response.context["events"] == [past, hidden]
    assert "Hidden workshop" in response.text
    assert "Not published" in response.text
    assert (
        f'<a href="/en/organise/{summit.slug}/events/{hidden.slug}/delete/">'
        f'Delete<span class="visually-hidden"> “Hidden workshop”</span></a>'
    ) in response.text


def test_an_empty_list_says_so(logged_in, summit):
    response = logged_in.get(f"/en/organise/{summit.slug}/events/")
    assert "This summit has no event yet." in response.text


def test_times_are_shown_in_each_events_time_zone(logged_in, summit):
    EventFactory(
        summit=summit,
        timezone="America/Montreal",
        starts_at=dt.datetime(2016, 12, 7, 14, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 12, 7, 16, 0, tzinfo=dt.UTC),
    )
    response = logged_in.get(f"/en/organise/{summit.slug}/events/")
    assert '<time datetime="2016-12-07T09:00:00-05:00">' in response.text
    assert "(America/Montreal)" in response.text


def test_the_list_makes_a_constant_number_of_queries(logged_in, summit, django_assert_num_queries):
    venue = VenueFactory(summit=summit)
    EventFactory(summit=summit, venue=venue)
    with django_assert_num_queries(5):
        logged_in.get(f"/en/organise/{summit.slug}/events/")
    EventFactory.create_batch(2, summit=summit, venue=VenueFactory(summit=summit))
    with django_assert_num_queries(5):
        response = logged_in.get(f"/en/organise/{summit.slug}/events/")
    assert len(response.context["events"]) == 3
