"""A session's public page: what, who, where and when, a star and a calendar link."""

import re
from html import unescape

import pytest

from cosummit.programme.models import Session, Slot
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms
from tests.programme.factories import SessionFactory
from tests.proposals.factories import SessionFormatFactory, TrackFactory

pytestmark = pytest.mark.django_db


def url(summit, session, lang="en") -> str:
    return f"{agenda_url(summit, lang)}sessions/{session.pk}/"


@pytest.fixture
def session(summit):
    (alpha,) = rooms(summit, "Alpha")
    return released_session(
        release(summit),
        room=alpha,
        starts_at=at(summit, 0, 14, 30),
        duration=90,
        title="Open budgets",
        abstract="Participatory budgeting in cities.",
        language="fr",
        interpretation=["en", "es"],
        track=TrackFactory(summit=summit, slug="budgets", name={"en": "Budgets"}),
        format=SessionFormatFactory(name={"en": "Workshop"}),
        speakers=[
            UserFactory(name="Amina Diallo", organisation="Open Data Kenya"),
            UserFactory(name="Jean Dupont", organisation=""),
        ],
    )


def facts(html: str) -> dict[str, str]:
    found = re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", html, flags=re.S)
    return {term: unescape(re.sub(r"<[^>]+>", "", value)).strip() for term, value in found}


def test_the_page_shows_what_where_when_and_who(client, summit, session):
    html = client.get(url(summit, session)).content.decode()
    day = at(summit, 0, 0).strftime("%A %-d %B %Y")
    assert facts(html) == {
        "When": f"{day}, 14:30–16:00 (Europe/Paris)",
        "Room": "Alpha, Palais d'Iéna",
        "Session language": "French",
        "Interpretation into": "English, Spanish",
        "Track": "Budgets",
        "Format": "Workshop",
    }
    assert f'<h1 id="session-{session.pk}">Open budgets</h1>' in html
    assert "<p>Participatory budgeting in cities.</p>" in html
    speakers = session.speakers.order_by("name")
    speaker_list = html[html.index('<ul class="speaker-list">') :]
    speaker_list = speaker_list[: speaker_list.index("</ul>")]
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a>([^<]*)</li>', speaker_list) == [
        (f"{agenda_url(summit)}speakers/{speakers[0].pk}/", "Amina Diallo", ", Open Data Kenya"),
        (f"{agenda_url(summit)}speakers/{speakers[1].pk}/", "Jean Dupont", ""),
    ]


def test_the_page_links_to_the_sessions_calendar_file(client, summit, session):
    html = client.get(url(summit, session)).content.decode()
    ics = f"{agenda_url(summit)}export/sessions/{session.pk}.ics"
    assert f'<a class="button button--secondary" href="{ics}" download>Add to calendar</a>' in html


def test_visitors_are_asked_to_log_in_to_star(client, summit, session):
    html = client.get(url(summit, session)).content.decode()
    assert "Log in to add this session to your agenda." in html
    assert "star-button" not in html


def test_participants_get_a_star_button(client, summit, session):
    client.force_login(UserFactory())
    html = client.get(url(summit, session)).content.decode()
    assert f'action="{url(summit, session)}star/"' in html
    assert "Add to my agenda" in html


def test_a_session_not_in_the_latest_release_has_no_page(client, summit, session):
    unplaced = SessionFactory(summit=summit, title="Not placed")
    assert client.get(url(summit, unplaced)).status_code == 404
    v2 = release(summit, 2)
    Slot.objects.create(session=unplaced, release=v2, room=None, starts_at=at(summit, 0, 9),
                        ends_at=at(summit, 0, 10))  # fmt: skip
    # v2 does not hold `session`: it left the programme.
    assert client.get(url(summit, session)).status_code == 404
    assert client.get(url(summit, unplaced)).status_code == 200


def test_a_session_of_another_summit_has_no_page_here(client, summit, session):
    other = SummitFactory()
    release(other)
    assert client.get(url(other, session)).status_code == 404


def test_before_any_release_session_pages_are_not_found(client, summit):
    draft = SessionFactory(
        summit=summit, room=rooms(summit, "Alpha")[0], starts_at=at(summit, 0, 9)
    )
    assert client.get(url(summit, draft)).status_code == 404


def test_an_unpublished_summits_sessions_are_for_its_organisers_only(client, session):
    summit = session.summit
    summit.is_published = False
    summit.save(update_fields=["is_published"])
    assert client.get(url(summit, session)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url(summit, session)).status_code == 404
    client.force_login(TeamMembershipFactory(role=Role.ORGANISER).user)
    assert client.get(url(summit, session)).status_code == 404
    client.force_login(TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user)
    assert client.get(url(summit, session)).status_code == 200


def test_a_pitch_session_lists_its_pitches(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    pitches = released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9),
                               title="Lightning pitches", kind=Session.Kind.PITCHES)  # fmt: skip
    SessionFactory(summit=summit, title="Civic app", pitch_session=pitches,
                   speakers=[UserFactory(name="Ana")])  # fmt: skip
    html = client.get(url(summit, pitches)).content.decode()
    assert "<h2>Pitches</h2>" in html
    assert "<li><strong>Civic app</strong> — Ana<br>What the session is about.</li>" in html


def test_the_page_renders_in_french(client, summit, session):
    html = client.get(url(summit, session, "fr")).content.decode()
    assert '<html lang="fr">' in html
    assert f'<h1 id="session-{session.pk}">Open budgets</h1>' in html
