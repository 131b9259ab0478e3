"""The private iCalendar feed of one's agenda: an address to get and reset, read by token."""

import icalendar
import pytest

from cosummit.programme.models import CalendarFeed
from tests.factories import SummitFactory, UserFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms
from tests.programme.factories import CalendarFeedFactory, SessionFactory, StarFactory

pytestmark = pytest.mark.django_db


def calendar_page(summit) -> str:
    return f"{agenda_url(summit)}mine/calendar/"


def feed_url(feed) -> str:
    return f"{agenda_url(feed.summit)}mine/{feed.token}.ics"


def test_visitors_are_asked_to_log_in(client, summit):
    assert client.get(calendar_page(summit))["Location"].startswith("/en/accounts/login/")
    assert client.post(calendar_page(summit)).status_code == 302
    assert CalendarFeed.objects.count() == 0


def test_a_participant_makes_their_address_then_sees_it(client, summit, participant):
    client.force_login(participant)
    html = client.get(calendar_page(summit)).content.decode()
    assert "Make my calendar address" in html
    assert CalendarFeed.objects.count() == 0
    response = client.post(calendar_page(summit), {"action": "create"})
    assert response["Location"] == calendar_page(summit)
    feed = CalendarFeed.objects.get(user=participant, summit=summit)
    html = client.get(calendar_page(summit)).content.decode()
    assert f'value="http://testserver{feed_url(feed)}" readonly' in html
    assert "Your calendar address is ready." in html


def test_making_it_again_keeps_the_same_address(client, summit, participant):
    feed = CalendarFeedFactory(summit=summit, user=participant)
    client.force_login(participant)
    client.post(calendar_page(summit), {"action": "create"})
    assert list(CalendarFeed.objects.values_list("token", flat=True)) == [feed.token]


def test_resetting_gives_a_new_address_and_the_old_one_stops_working(client, summit, participant):
    old = CalendarFeedFactory(summit=summit, user=participant)
    client.force_login(participant)
    response = client.post(calendar_page(summit), {"action": "reset"})
    new = CalendarFeed.objects.get(pk=old.pk)
    assert new.token != old.token
    assert len(new.token) == 32
    assert "the old one no longer works" in client.get(response["Location"]).content.decode()
    client.logout()
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_the_feed_holds_the_starred_released_sessions(client, summit, participant):
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    starred = released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Open budgets",
                               speakers=[UserFactory(name="Amina")])  # fmt: skip
    released_session(v1, room=alpha, starts_at=at(summit, 0, 11), title="Not starred")
    StarFactory(session=starred, user=participant)
    StarFactory(session=SessionFactory(summit=summit, title="Draft"), user=participant)
    feed = CalendarFeedFactory(summit=summit, user=participant)
    response = client.get(feed_url(feed))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Open budgets"]
    assert events[0].decoded("DTSTART") == at(summit, 0, 9)
    assert str(calendar["X-WR-CALNAME"]) == f"My agenda: {summit.name}"


def test_a_bad_token_is_not_found(client, summit):
    CalendarFeedFactory(summit=summit)
    assert client.get(f"{agenda_url(summit)}mine/not-a-token.ics").status_code == 404


def test_a_token_only_works_for_its_own_summit(client, summit):
    feed = CalendarFeedFactory(summit=summit)
    other = SummitFactory()
    assert client.get(f"{agenda_url(other)}mine/{feed.token}.ics").status_code == 404


def test_the_feed_of_an_unpublished_summit_is_not_found(client, summit):
    feed = CalendarFeedFactory(summit=summit)
    summit.is_published = False
    summit.save(update_fields=["is_published"])
    assert client.get(feed_url(feed)).status_code == 404


def test_the_feed_of_a_deactivated_account_is_not_found(client, summit):
    feed = CalendarFeedFactory(summit=summit, user=UserFactory(is_active=False))
    assert client.get(feed_url(feed)).status_code == 404


def test_before_any_release_the_feed_is_an_empty_calendar(client, summit):
    feed = CalendarFeedFactory(summit=summit)
    calendar = icalendar.Calendar.from_ical(client.get(feed_url(feed)).content)
    assert calendar.walk("VEVENT") == []


def test_the_calendar_page_renders_in_french(client, summit, participant):
    client.force_login(participant)
    html = client.get(f"{agenda_url(summit, 'fr')}mine/calendar/").content.decode()
    assert '<html lang="fr">' in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_feed_makes_a_constant_number_of_queries(client, django_assert_num_queries, count):
    summit = SummitFactory()
    (alpha,) = rooms(summit, "Alpha")
    feed = CalendarFeedFactory(summit=summit)
    v1 = release(summit)
    for index in range(count):
        session = released_session(v1, room=alpha, starts_at=at(summit, 0, 9 + index),
                                   speakers=[UserFactory()])  # fmt: skip
        StarFactory(session=session, user=feed.user)
    # The feed with its owner, the summit, the release, the slots, their speakers.
    with django_assert_num_queries(5):
        response = client.get(feed_url(feed))
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == count
