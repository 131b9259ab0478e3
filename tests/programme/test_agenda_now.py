"""“Now and next” for the venue's screens, at a set time."""

import re

import pytest

from cosummit.programme import views
from tests.factories import SummitFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms

pytestmark = pytest.mark.django_db


def screen(client, summit, monkeypatch, moment) -> str:
    monkeypatch.setattr(views, "now", lambda: moment)
    response = client.get(f"{agenda_url(summit)}now/")
    assert response.status_code == 200
    return response.content.decode()


def table(html: str) -> list[tuple[str, str, str]]:
    rows = re.findall(
        r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", html, re.S
    )
    strip = lambda text: " ".join(re.sub(r"<[^>]+>", "", text).split())  # noqa: E731
    return [(strip(room), strip(now), strip(next_)) for room, now, next_ in rows]


@pytest.fixture
def programme(summit):
    alpha, beta, gamma = rooms(summit, "Alpha", "Beta", "Gamma")
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Budgets")
    released_session(v1, room=alpha, starts_at=at(summit, 0, 11), title="Contracts")
    released_session(v1, room=beta, starts_at=at(summit, 0, 9, 30), title="Justice")
    released_session(v1, room=gamma, starts_at=at(summit, 1, 9), title="Tomorrow")
    released_session(v1, room=None, starts_at=at(summit, 0, 10), duration=30, title="Coffee",
                     kind="break", takes_whole_venue=True)  # fmt: skip
    return v1


def test_each_room_shows_what_runs_now_and_what_comes_next(client, summit, programme, monkeypatch):
    html = screen(client, summit, monkeypatch, at(summit, 0, 9, 45))
    assert table(html) == [
        ("Alpha", "Budgets until 10:00", "11:00 Contracts"),
        ("Beta", "Justice until 10:30", "—"),
    ]
    assert "Next for everyone: Coffee at 10:00" in html
    assert 'http-equiv="refresh"' not in html
    assert ">09:45</time></span></h1>" in html


def test_on_a_venue_screen_the_page_reloads_itself_every_minute(
    client, summit, programme, monkeypatch
):
    monkeypatch.setattr(views, "now", lambda: at(summit, 0, 9, 45))
    html = client.get(f"/en/{summit.slug}/programme/now/?screen=1").text
    assert '<meta http-equiv="refresh" content="60">' in html
    assert "Show it on a venue screen" not in html


def test_off_a_venue_screen_the_page_does_not_claim_to_update_itself(
    client, summit, programme, monkeypatch
):
    html = screen(client, summit, monkeypatch, at(summit, 0, 9, 45))
    assert "This page updates itself every minute." not in html
    monkeypatch.setattr(views, "now", lambda: at(summit, 0, 9, 45))
    on_screen = client.get(f"/en/{summit.slug}/programme/now/?screen=1").text
    assert on_screen.count("This page updates itself every minute.") == 1


def test_a_whole_venue_break_is_announced_while_it_runs(client, summit, programme, monkeypatch):
    html = screen(client, summit, monkeypatch, at(summit, 0, 10, 15))
    assert "Now, in the whole venue: <strong>Coffee</strong> until 10:30" in html
    assert table(html) == [
        ("Alpha", "—", "11:00 Contracts"),
        ("Beta", "Justice until 10:30", "—"),
    ]


def test_after_the_last_session_the_screen_names_the_next_day(
    client, summit, programme, monkeypatch
):
    html = screen(client, summit, monkeypatch, at(summit, 0, 19))
    assert table(html) == []
    assert "No more sessions today." in html
    day = at(summit, 1, 0).strftime("%A %-d %B")
    assert f"The programme continues on {day} at 09:00." in html


def test_before_the_first_session_every_room_shows_its_first(
    client, summit, programme, monkeypatch
):
    html = screen(client, summit, monkeypatch, at(summit, 0, 7))
    assert table(html) == [("Alpha", "—", "09:00 Budgets"), ("Beta", "—", "09:30 Justice")]


def test_before_any_release_the_screen_says_not_published(client, summit):
    html = client.get(f"{agenda_url(summit)}now/").content.decode()
    assert "The programme is not published yet." in html


def test_the_screen_renders_in_french(client, summit, programme, monkeypatch):
    monkeypatch.setattr(views, "now", lambda: at(summit, 0, 9, 45))
    html = client.get(f"{agenda_url(summit, 'fr')}now/").content.decode()
    assert '<html lang="fr">' in html
    assert "Budgets" in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_screen_makes_a_constant_number_of_queries(
    client, django_assert_num_queries, monkeypatch, count
):
    summit = SummitFactory()
    room_list = rooms(summit, "A", "B", "C")
    v1 = release(summit)
    for index in range(count):
        released_session(v1, room=room_list[index], starts_at=at(summit, 0, 9))
    monkeypatch.setattr(views, "now", lambda: at(summit, 0, 9, 30))
    # The summit, the release, the slots, their speakers.
    with django_assert_num_queries(4):
        html = client.get(f"{agenda_url(summit)}now/").content.decode()
    assert len(table(html)) == count
