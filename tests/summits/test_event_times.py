"""Event times are typed, stored and shown in the event's time zone, not the server's."""

import datetime as dt

import pytest

from cosummit.summits.models import Event
from tests.factories import EventFactory, SummitFactory

from .factories_extra import event_data, make_person

pytestmark = pytest.mark.django_db


def add_event(client, summit, **changes) -> Event:
    client.force_login(make_person("organiser", summit))
    client.post(f"/en/organise/{summit.slug}/events/new/", event_data(**changes))
    return Event.objects.get(summit=summit)


@pytest.mark.parametrize("server_zone", ["UTC", "Europe/Paris", "Asia/Tokyo"])
def test_nine_in_the_morning_in_paris_is_stored_as_eight_utc_whatever_the_servers_zone(
    client, settings, server_zone
):
    settings.TIME_ZONE = server_zone
    event = add_event(client, SummitFactory(timezone="Europe/Paris"))
    assert (event.starts_at, event.ends_at) == (
        dt.datetime(2016, 12, 7, 8, 0, tzinfo=dt.UTC),
        dt.datetime(2016, 12, 7, 11, 30, tzinfo=dt.UTC),
    )


def test_paris_summer_time_is_two_hours_ahead_of_utc(client):
    event = add_event(
        client,
        SummitFactory(timezone="Europe/Paris"),
        starts_at="2016-04-20T18:00",
        ends_at="2016-04-20T21:00",
    )
    assert event.starts_at == dt.datetime(2016, 4, 20, 16, 0, tzinfo=dt.UTC)


def test_times_of_a_summit_in_montreal_are_read_in_montreal(client):
    event = add_event(client, SummitFactory(timezone="America/Montreal"))
    assert event.starts_at == dt.datetime(2016, 12, 7, 14, 0, tzinfo=dt.UTC)


def test_an_events_own_time_zone_wins_over_the_summits(client):
    event = add_event(client, SummitFactory(timezone="Europe/Paris"), timezone="Asia/Tbilisi")
    assert (event.timezone, event.starts_at) == (
        "Asia/Tbilisi",
        dt.datetime(2016, 12, 7, 5, 0, tzinfo=dt.UTC),
    )


def test_the_edit_form_shows_the_times_in_the_events_time_zone(client, settings):
    settings.TIME_ZONE = "UTC"
    summit = SummitFactory(timezone="Europe/Paris")
    EventFactory(
        summit=summit,
        slug="regional",
        timezone="Africa/Abidjan",
        starts_at=dt.datetime(2016, 5, 3, 8, 30, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 5, 3, 17, 0, tzinfo=dt.UTC),
    )
    EventFactory(
        summit=summit,
        slug="launch",
        starts_at=dt.datetime(2016, 4, 20, 16, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 4, 20, 19, 0, tzinfo=dt.UTC),
    )
    client.force_login(make_person("organiser", summit))
    regional = client.get(f"/en/organise/{summit.slug}/events/regional/").text
    launch = client.get(f"/en/organise/{summit.slug}/events/launch/").text
    assert 'name="starts_at" value="2016-05-03T08:30"' in regional
    assert 'name="starts_at" value="2016-04-20T18:00"' in launch
    assert 'name="ends_at" value="2016-04-20T21:00"' in launch


def test_saving_an_event_unchanged_keeps_its_times(client, settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    summit = SummitFactory(timezone="America/Montreal")
    client.force_login(make_person("organiser", summit))
    client.post(f"/en/organise/{summit.slug}/events/new/", event_data())
    before = Event.objects.values("starts_at", "ends_at").get()
    client.post(
        f"/en/organise/{summit.slug}/events/co-creation-workshop/",
        event_data(starts_at="2016-12-07T09:00", ends_at="2016-12-07T12:30"),
    )
    assert Event.objects.values("starts_at", "ends_at").get() == before


def test_a_time_the_clocks_skip_is_refused(client):
    summit = SummitFactory(timezone="Europe/Paris")
    client.force_login(make_person("organiser", summit))
    response = client.post(
        f"/en/organise/{summit.slug}/events/new/",
        event_data(starts_at="2016-03-27T02:30", ends_at="2016-03-27T04:00"),
    )
    assert response.context["form"].errors == {
        "starts_at": ["This time does not exist in Europe/Paris: the clocks skip it that day."]
    }
    assert Event.objects.count() == 0


def test_the_public_page_shows_the_time_typed_by_the_organiser(client, settings):
    settings.TIME_ZONE = "UTC"
    summit = SummitFactory(timezone="Europe/Paris")
    add_event(client, summit)
    client.logout()
    response = client.get(f"/en/{summit.slug}/events/co-creation-workshop/")
    assert '<time datetime="2016-12-07T09:00:00+01:00">' in response.text


def test_the_french_form_reads_and_shows_the_same_times(client):
    summit = SummitFactory(timezone="Europe/Paris")
    client.force_login(make_person("organiser", summit))
    client.post(f"/fr/organise/{summit.slug}/events/new/", event_data())
    event = Event.objects.get()
    response = client.get(f"/fr/organise/{summit.slug}/events/{event.slug}/")
    assert event.starts_at == dt.datetime(2016, 12, 7, 8, 0, tzinfo=dt.UTC)
    assert 'name="starts_at" value="2016-12-07T09:00"' in response.text


def test_a_date_too_far_in_the_past_is_refused_with_a_message(client):
    summit = SummitFactory(timezone="Asia/Tokyo")
    client.force_login(make_person("organiser", summit))

    response = client.post(
        f"/en/organise/{summit.slug}/events/new/", event_data(starts_at="0001-01-01T00:00")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [
        "This date is too far in the past or the future."
    ]
    assert Event.objects.count() == 0
