"""The scheduler and release pages in French: French addresses, dates in French."""

import pytest
from django.utils import translation
from django.utils.formats import date_format

from cosummit.programme.releases import release_programme
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, changes_url, done_job, rooms, schedule_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def released(summit, organiser):
    (room,) = rooms(summit, 100)
    session = SessionFactory(
        summit=summit, title="Budgets ouverts", room=room, starts_at=at(summit, 9)
    )
    release_programme(summit, by=organiser)
    return session, room


def _french(moment, summit) -> str:
    with translation.override("fr"):
        return date_format(moment.astimezone(summit.tz), "D j M, H:i")


def test_the_public_changes_page_shows_french_dates_and_room_names(client, summit, released):
    _session, room = released

    html = client.get(changes_url(summit, language="fr")).text

    assert f"{_french(at(summit, 9), summit)}, {room.name['fr']}" in html
    assert f'href="{changes_url(summit, "feed.atom", language="fr")}"' in html


def test_the_organisers_pages_answer_in_french(client, summit, organiser, released):
    session, room = released
    job = done_job(summit, {session: (room, at(summit, 15))})
    client.force_login(organiser)

    releases_html = client.get(schedule_url(summit, "releases/", language="fr")).text
    job_html = client.get(schedule_url(summit, f"scheduler/runs/{job.pk}/", language="fr")).text
    form_html = client.get(schedule_url(summit, "scheduler/", language="fr")).text

    assert f"{_french(at(summit, 9), summit)}, {room.name['fr']}" in releases_html
    assert f"{_french(at(summit, 15), summit)}, {room.name['fr']}" in job_html
    assert '<html lang="fr"' in form_html
