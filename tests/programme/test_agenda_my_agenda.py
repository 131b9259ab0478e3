"""“My agenda”: a participant's starred sessions by day, with clashes marked."""

import re

import pytest

from cosummit.programme.models import Slot
from tests.factories import SummitFactory, UserFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms
from tests.programme.factories import SessionFactory, StarFactory

pytestmark = pytest.mark.django_db


def mine(summit) -> str:
    return f"{agenda_url(summit)}mine/"


def entries(html: str) -> list[tuple[str, str]]:
    """(title, clash text or "") of each session shown, in order."""
    found = []
    for article in re.findall(r'<article class="agenda-item[^"]*">(.*?)</article>', html, re.S):
        title = re.search(
            r'class="agenda-item__title" id="session-\d+"><a href="[^"]*">([^<]+)</a>', article
        )[1]
        clash = re.search(r'<p class="clash">(.*?)</p>', article, re.S)
        found.append((title, re.sub(r"<[^>]+>", "", clash[1]) if clash else ""))
    return found


def test_visitors_are_asked_to_log_in(client, summit):
    response = client.get(mine(summit))
    assert (response.status_code, response["Location"].split("?")[0]) == (
        302,
        "/en/accounts/login/",
    )


def test_starred_sessions_show_by_day_with_clashes_marked(client, summit, participant):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    v1 = release(summit)
    budgets = released_session(v1, room=alpha, starts_at=at(summit, 0, 9), duration=90,
                               title="Open budgets")  # fmt: skip
    contracts = released_session(v1, room=beta, starts_at=at(summit, 0, 10), title="Contracts")
    after = released_session(v1, room=beta, starts_at=at(summit, 0, 11), title="Right after")
    second_day = released_session(v1, room=alpha, starts_at=at(summit, 1, 9), title="Day two")
    released_session(v1, room=alpha, starts_at=at(summit, 0, 10), title="Not starred")
    for session in (budgets, contracts, after, second_day):
        StarFactory(session=session, user=participant)
    StarFactory(session=contracts)  # someone else's star
    client.force_login(participant)
    html = client.get(mine(summit)).content.decode()
    assert entries(html) == [
        ("Open budgets", "Clashes with: Contracts"),
        ("Contracts", "Clashes with: Open budgets"),
        ("Right after", ""),
        ("Day two", ""),
    ]
    assert len(re.findall(r"<h2 id=\"day-\d\">", html)) == 2
    assert "2 sessions in your agenda overlap another one." in html


def test_an_empty_agenda_says_how_to_fill_it(client, summit, participant):
    released_session(release(summit), room=rooms(summit, "A")[0], starts_at=at(summit, 0, 9))
    client.force_login(participant)
    html = client.get(mine(summit)).content.decode()
    assert "Your agenda is empty. Star sessions in the programme to add them here." in html


def test_a_starred_session_dropped_by_a_later_release_can_be_removed(client, summit, participant):
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit, 1)
    dropped = released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Dropped")
    kept = released_session(v1, room=alpha, starts_at=at(summit, 0, 11), title="Kept")
    v2 = release(summit, 2)
    Slot.objects.create(session=kept, release=v2, room=alpha, starts_at=at(summit, 0, 11),
                        ends_at=at(summit, 0, 12))  # fmt: skip
    StarFactory(session=dropped, user=participant)
    StarFactory(session=kept, user=participant)
    client.force_login(participant)
    html = client.get(mine(summit)).content.decode()
    assert entries(html) == [("Kept", "")]
    withdrawn = html[html.index('id="withdrawn-heading"') :]
    assert "<li>Dropped <form" in withdrawn
    assert f'action="{agenda_url(summit)}sessions/{dropped.pk}/unstar/"' in withdrawn


def test_only_the_persons_stars_of_this_summit_show(client, summit, participant):
    (alpha,) = rooms(summit, "Alpha")
    released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9), title="Here")
    other = SummitFactory()
    elsewhere = released_session(release(other), room=rooms(other, "B")[0],
                                 starts_at=at(other, 0, 9), title="Elsewhere")  # fmt: skip
    StarFactory(session=elsewhere, user=participant)
    client.force_login(participant)
    assert entries(client.get(mine(summit)).content.decode()) == []


def test_before_any_release_my_agenda_says_not_published(client, summit, participant):
    StarFactory(session=SessionFactory(summit=summit), user=participant)
    client.force_login(participant)
    html = client.get(mine(summit)).content.decode()
    assert "The programme is not published yet." in html


def test_the_page_renders_in_french(client, summit, participant):
    client.force_login(participant)
    response = client.get(f"{agenda_url(summit, 'fr')}mine/")
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_my_agenda_makes_a_constant_number_of_queries(client, django_assert_num_queries, count):
    summit = SummitFactory()
    (alpha,) = rooms(summit, "Alpha")
    participant = UserFactory()
    v1 = release(summit)
    for index in range(count):
        session = released_session(v1, room=alpha, starts_at=at(summit, 0, 9 + index),
                                   speakers=[UserFactory()])  # fmt: skip
        StarFactory(session=session, user=participant)
    client.force_login(participant)
    # Session, user, summit, release, stars, slots, speakers, days' names (no star
    # left the programme: no query for those).
    with django_assert_num_queries(8):
        html = client.get(mine(summit)).content.decode()
    assert len(entries(html)) == count
