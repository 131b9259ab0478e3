"""The programme's speakers: a list, and a page per speaker with their released sessions."""

import re

import pytest

from tests.factories import SummitFactory, UserFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms
from tests.programme.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_the_list_names_each_speaker_once_by_name(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    zoe = UserFactory(name="Zoé Martin", organisation="")
    amina = UserFactory(name="amina Diallo", organisation="Open Data Kenya")
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), speakers=[zoe, amina])
    released_session(v1, room=alpha, starts_at=at(summit, 0, 11), speakers=[amina])
    SessionFactory(summit=summit, speakers=[UserFactory(name="Not released")])
    html = client.get(f"{agenda_url(summit)}speakers/").content.decode()
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>([^<]*) <span', html) == [
        (f"{agenda_url(summit)}speakers/{amina.pk}/", "amina Diallo", ", Open Data Kenya"),
        (f"{agenda_url(summit)}speakers/{zoe.pk}/", "Zoé Martin", ""),
    ]
    assert "(2 sessions)" in html
    assert "2 speakers" in html


def test_a_speaker_page_lists_their_released_sessions(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    amina = UserFactory(name="Amina Diallo", organisation="Open Data Kenya")
    v1 = release(summit)
    late = released_session(v1, room=alpha, starts_at=at(summit, 1, 11), title="Late",
                            speakers=[amina])  # fmt: skip
    early = released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Early",
                             speakers=[amina])  # fmt: skip
    SessionFactory(summit=summit, title="Draft only", speakers=[amina])
    html = client.get(f"{agenda_url(summit)}speakers/{amina.pk}/").content.decode()
    assert "<h1>Amina Diallo</h1>" in html
    assert '<p class="lead">Open Data Kenya</p>' in html
    assert re.findall(r'<li><a href="[^"]*sessions/(\d+)/">([^<]+)</a>', html) == [
        (str(early.pk), "Early"),
        (str(late.pk), "Late"),
    ]
    assert "Draft only" not in html
    assert amina.email not in html


def test_someone_who_does_not_speak_has_no_speaker_page(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9))
    drafted = UserFactory()
    SessionFactory(summit=summit, speakers=[drafted])
    assert client.get(f"{agenda_url(summit)}speakers/{drafted.pk}/").status_code == 404
    assert client.get(f"{agenda_url(summit)}speakers/999999/").status_code == 404


def test_before_any_release_the_list_says_not_published(client, summit):
    html = client.get(f"{agenda_url(summit)}speakers/").content.decode()
    assert "The programme is not published yet." in html


def test_the_list_renders_in_french(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9),
                     speakers=[UserFactory(name="Amina")])  # fmt: skip
    html = client.get(f"{agenda_url(summit, 'fr')}speakers/").content.decode()
    assert '<html lang="fr">' in html
    assert ">Amina</a>" in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_makes_a_constant_number_of_queries(client, django_assert_num_queries, count):
    summit = SummitFactory()
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    for index in range(count):
        released_session(v1, room=alpha, starts_at=at(summit, 0, 9 + index),
                         speakers=[UserFactory(), UserFactory()])  # fmt: skip
    # The summit, the release, the slots, their speakers and their pitches' speakers,
    # the rooms, tracks and formats.
    with django_assert_num_queries(8):
        html = client.get(f"{agenda_url(summit)}speakers/").content.decode()
    assert html.count("(1 session)") == 2 * count


@pytest.mark.parametrize("count", [1, 3])
def test_a_speaker_page_makes_a_constant_number_of_queries(
    client, django_assert_num_queries, count
):
    summit = SummitFactory()
    (alpha,) = rooms(summit, "Alpha")
    speaker = UserFactory()
    v1 = release(summit)
    for index in range(count):
        released_session(v1, room=alpha, starts_at=at(summit, 0, 9 + index), speakers=[speaker])
    with django_assert_num_queries(8):
        html = client.get(f"{agenda_url(summit)}speakers/{speaker.pk}/").content.decode()
    assert len(re.findall(r'<li><a href="[^"]*sessions/\d+/">', html)) == count


def test_speakers_of_pitches_speak_in_their_pitch_session(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    ana = UserFactory(name="Ana Pitcher")
    pitches = released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9),
                               title="Lightning pitches", kind="pitches")  # fmt: skip
    SessionFactory(summit=summit, title="Civic app", pitch_session=pitches, speakers=[ana])
    listing = client.get(f"{agenda_url(summit)}speakers/").content.decode()
    assert f'<a href="{agenda_url(summit)}speakers/{ana.pk}/">Ana Pitcher</a>' in listing
    page = client.get(f"{agenda_url(summit)}speakers/{ana.pk}/").content.decode()
    assert re.findall(r'<li><a href="[^"]*sessions/(\d+)/">([^<]+)</a>', page) == [
        (str(pitches.pk), "Lightning pitches")
    ]
    day = client.get(agenda_url(summit) + "?q=pitcher").content.decode()
    assert '<p class="agenda-item__speakers">Ana Pitcher</p>' in day
