"""The public list of the programme's changes and its Atom feed."""

import xml.etree.ElementTree as ET

import pytest

from cosummit.programme.releases import release_programme
from tests.factories import SummitFactory, UserFactory
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, changes_url, rooms

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def two_releases(summit, organiser):
    (room,) = rooms(summit, 100)
    session = SessionFactory(
        summit=summit, title="Open budgets", room=room, starts_at=at(summit, 9)
    )
    release_programme(summit, by=organiser, comment="First programme.")
    slot = session.slots.get(release__isnull=True)
    slot.starts_at, slot.ends_at = at(summit, 15), at(summit, 16)
    slot.save()
    SessionFactory(summit=summit, title="Civic tech", room=room, starts_at=at(summit, 9))
    release_programme(summit, by=organiser, comment="After lunch now.")
    return room


def test_before_any_release_the_page_says_the_programme_is_not_published(client, summit):
    html = client.get(changes_url(summit)).text

    assert "<h1>Changes to the programme</h1>" in html
    assert "The programme is not published yet." in html


def test_anyone_sees_each_version_with_what_moved_from_where_to_where(client, summit, two_releases):
    room = two_releases
    html = client.get(changes_url(summit)).text

    assert html.index('id="v2"') < html.index('id="v1"')
    assert "After lunch now." in html
    tz_day = at(summit, 9).strftime("%a")
    assert (
        '<th scope="row">Open budgets</th>\n      <td>moved</td>\n'
        f"      <td>{tz_day} {at(summit, 9).day} {at(summit, 9).strftime('%b')}, 09:00, "
        f"{room.name['en']}</td>\n"
        f"      <td>{tz_day} {at(summit, 9).day} {at(summit, 9).strftime('%b')}, 15:00, "
        f"{room.name['en']}</td>"
    ) in html
    assert '<th scope="row">Civic tech</th>\n      <td>added</td>\n      <td>—</td>' in html
    assert f'href="{changes_url(summit, "feed.atom")}"' in html


def test_a_summit_that_is_not_published_is_not_found(client):
    hidden = SummitFactory(is_published=False)

    statuses = [
        client.get(changes_url(hidden)).status_code,
        client.get(changes_url(hidden, "feed.atom")).status_code,
    ]

    assert statuses == [404, 404]


def test_the_atom_feed_lists_the_releases_latest_first(client, summit, two_releases):
    response = client.get(changes_url(summit, "feed.atom"))

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == f"Programme of {summit.name['en']}: changes"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Version 2 of the programme",
        "Version 1 of the programme",
    ]
    assert entries[0].find(f"{ATOM}link").get("href") == (
        f"http://testserver{changes_url(summit)}#v2"
    )
    assert entries[0].find(f"{ATOM}id").text.startswith("urn:uuid:")
    summary = entries[0].find(f"{ATOM}summary").text
    assert "1 session added, 1 session moved, 0 sessions removed." in summary
    assert "After lunch now." in summary
    assert "Moved: Open budgets, from " in summary
    assert "Added: Civic tech, " in summary


def test_the_page_and_the_feed_take_the_same_queries_for_1_and_3_releases(
    client, summit, organiser, django_assert_num_queries
):
    (room,) = rooms(summit, 100)
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    release_programme(summit, by=organiser)
    client.get(changes_url(summit))
    with django_assert_num_queries(3) as page:
        client.get(changes_url(summit))
    with django_assert_num_queries(3) as feed:
        client.get(changes_url(summit, "feed.atom"))
    for hour in (11, 14):
        slot = session.slots.get(release__isnull=True)
        slot.starts_at, slot.ends_at = at(summit, hour), at(summit, hour + 1)
        slot.save()
        release_programme(summit, by=UserFactory())
    with django_assert_num_queries(len(page.captured_queries)):
        assert client.get(changes_url(summit)).text.count('<section class="release"') == 3
    with django_assert_num_queries(len(feed.captured_queries)):
        assert client.get(changes_url(summit, "feed.atom")).text.count("<entry>") == 3
