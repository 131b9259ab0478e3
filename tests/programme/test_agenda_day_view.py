"""The public agenda by day: grid and list, day tabs, only the latest release, permissions."""

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from cosummit.programme import agenda
from cosummit.programme.models import Session, Slot
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms
from tests.programme.factories import DayFactory, SessionFactory

pytestmark = pytest.mark.django_db


def page(client, summit, query: str = "", lang: str = "en") -> str:
    response = client.get(agenda_url(summit, lang) + query)
    assert response.status_code == 200
    return response.content.decode()


def titles(html: str) -> list[str]:
    return re.findall(
        r'class="agenda-item__title" id="session-\d+">(?:<a href="[^"]*">)?([^<]+)<', html
    )


def test_before_any_release_the_page_says_the_programme_is_not_published(client, summit):
    SessionFactory(summit=summit, title="Open budgets", room=rooms(summit, "Alpha")[0],
                   starts_at=at(summit, 0, 9))  # fmt: skip
    html = page(client, summit)
    assert "The programme is not published yet." in html
    assert "Open budgets" not in html


def test_the_grid_places_sessions_by_room_and_time(client, summit):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), duration=90, title="Open budgets")
    released_session(v1, room=beta, starts_at=at(summit, 0, 9, 30), title="Open contracts")
    html = page(client, summit)
    assert titles(html) == ["Open budgets", "Open contracts"]
    # Lines: 09:00 → 2, 09:30 → 3, 10:30 → 4 (end of both).
    assert 'class="agenda-item agenda-item--session gr-s2 gr-e4 gc-2"' in html
    assert 'class="agenda-item agenda-item--session gr-s3 gr-e4 gc-3"' in html
    heading = '<div class="agenda-grid__room gr-s1 gr-e2 gc-2"><span lang="en">Alpha</span></div>'
    assert heading in html
    assert '<div class="agenda-grid__time gr-s2 gr-e3"><time datetime="' in html
    assert ">09:00</time>–<time" in html  # times shown in the summit's time zone


def test_a_fixed_item_holding_the_whole_venue_spans_every_room(client, summit):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Open budgets")
    released_session(v1, room=beta, starts_at=at(summit, 0, 9), title="Open contracts")
    released_session(v1, room=None, starts_at=at(summit, 0, 10), title="Coffee", kind="break",
                     takes_whole_venue=True, duration=30)  # fmt: skip
    html = page(client, summit)
    assert "agenda-item agenda-item--break gr-s3 gr-e4 agenda-grid__item--whole" in html
    assert titles(html) == ["Open budgets", "Open contracts", "Coffee"]
    # A break has no page of its own.
    coffee = Session.objects.get(title="Coffee")
    assert f'<h3 class="agenda-item__title" id="session-{coffee.pk}">Coffee</h3>' in html


def test_the_list_view_groups_sessions_by_start_time(client, summit):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    v1 = release(summit)
    released_session(v1, room=beta, starts_at=at(summit, 0, 11), title="Late one")
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Early one")
    html = page(client, summit, "?view=list")
    assert "agenda-grid" not in html
    assert re.findall(r'class="agenda-list__time" id="t-\d"><time[^>]*>([\d:]+)<', html) == [
        "09:00",
        "11:00",
    ]
    assert titles(html) == ["Early one", "Late one"]


def test_day_tabs_show_one_day_at_a_time(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    DayFactory(summit=summit, date=summit.start_date, name={"en": "CSO Day", "fr": "Journée OSC"})
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="First day talk")
    released_session(v1, room=alpha, starts_at=at(summit, 1, 9), title="Second day talk")
    first = page(client, summit)
    second_day = summit.start_date + dt.timedelta(days=1)
    second = page(client, summit, f"?day={second_day.isoformat()}")
    assert titles(first) == ["First day talk"]
    assert titles(second) == ["Second day talk"]
    assert len(re.findall(r'<li><a href="\?day=[\d-]+"', first)) == 2
    assert "CSO Day" in first


def test_a_day_without_sessions_shows_the_first_day_and_says_so(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="First day talk")
    for bad in ("2001-01-01", "not-a-date"):
        html = page(client, summit, f"?day={bad}")
        assert titles(html) == ["First day talk"]
        assert "There is no session on the day you asked for" in html


def test_during_the_summit_today_is_shown_first(client, summit, monkeypatch):
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="First day talk")
    released_session(v1, room=alpha, starts_at=at(summit, 1, 9), title="Second day talk")
    monkeypatch.setattr("cosummit.programme.views.now", lambda: at(summit, 1, 8))
    assert titles(page(client, summit)) == ["Second day talk"]


def test_only_the_latest_release_is_shown(client, summit):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    v1 = release(summit, 1)
    kept = released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Kept")
    released_session(v1, room=alpha, starts_at=at(summit, 0, 11), title="Dropped in v2")
    v2 = release(summit, 2)

    Slot.objects.create(session=kept, release=v2, room=beta, starts_at=at(summit, 0, 14),
                        ends_at=at(summit, 0, 15))  # fmt: skip
    html = page(client, summit, "?view=list")
    assert titles(html) == ["Kept"]
    assert ">14:00</time>" in html
    assert "Version 2, published on" in html


def test_an_unpublished_summit_is_hidden_from_all_but_its_organisers(client):
    summit = SummitFactory(is_published=False)
    (alpha,) = rooms(summit, "Alpha")
    released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9), title="Secret")
    other = SummitFactory()
    assert client.get(agenda_url(summit)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(agenda_url(summit)).status_code == 404
    client.force_login(TeamMembershipFactory(summit=other, role=Role.ORGANISER).user)
    assert client.get(agenda_url(summit)).status_code == 404
    client.force_login(TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user)
    assert titles(page(client, summit)) == ["Secret"]


def test_a_day_too_busy_for_the_grid_is_shown_as_a_list(client, summit, monkeypatch):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="One")
    released_session(v1, room=beta, starts_at=at(summit, 0, 9), title="Two")
    monkeypatch.setattr(agenda, "MAX_GRID_ROOMS", 1)
    html = page(client, summit)
    assert "This day has too many rooms or times for a grid" in html
    assert "agenda-grid " not in html
    assert titles(html) == ["One", "Two"]


def test_the_page_renders_in_french(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9), title="Budgets")
    html = page(client, summit, lang="fr")
    assert '<html lang="fr">' in html
    assert titles(html) == ["Budgets"]
    assert '<span lang="fr">Salle Alpha</span>' in html


def _programme_with(summit, count: int):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    v1 = release(summit)
    for index in range(count):
        released_session(v1, room=(alpha, beta)[index % 2], starts_at=at(summit, 0, 9 + index),
                         speakers=[UserFactory(), UserFactory()])  # fmt: skip
    released_session(v1, room=None, starts_at=at(summit, 0, 13), title="Lunch", kind="break",
                     takes_whole_venue=True)  # fmt: skip
    DayFactory(summit=summit)


@pytest.mark.parametrize("view", ["grid", "list"])
@pytest.mark.parametrize("count", [1, 3])
def test_the_day_view_makes_a_constant_number_of_queries(
    client, django_assert_num_queries, count, view
):
    summit = SummitFactory()
    _programme_with(summit, count)
    # The summit, the release, the slots, their speakers and their pitches' speakers,
    # the summit's rooms, tracks and formats, the days' names.
    with django_assert_num_queries(9):
        html = page(client, summit, f"?view={view}")
    assert len(titles(html)) == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_the_day_view_signed_in_makes_a_constant_number_of_queries(
    client, django_assert_num_queries, count
):
    summit = SummitFactory()
    _programme_with(summit, count)
    client.force_login(UserFactory())
    # Also the session and the user, and the person's stars.
    with django_assert_num_queries(12):
        html = page(client, summit)
    assert html.count("Add to my agenda") == count


def test_the_grid_falls_back_to_a_list_on_narrow_screens():
    css = Path(finders.find("programme/agenda.css")).read_text(encoding="utf-8")
    narrow = css[css.index("@media (max-width: 48rem)") :]
    assert ".agenda-grid { display: block; }" in narrow[: narrow.index("}\n\n")]


def test_times_follow_the_summit_time_zone_not_the_server(client, settings):
    settings.TIME_ZONE = "UTC"
    summit = SummitFactory(timezone="America/Mexico_City")
    (alpha,) = rooms(summit, "Alpha")
    mexico = zoneinfo.ZoneInfo("America/Mexico_City")
    starts = dt.datetime.combine(summit.start_date, dt.time(9, 0), tzinfo=mexico)
    released_session(release(summit), room=alpha, starts_at=starts, title="Open Mexico")
    html = page(client, summit)
    assert ">09:00</time>–<time" in html
    assert "(America/Mexico_City)" in html
    assert timezone.get_current_timezone_name() == "UTC"


def test_a_release_without_placed_sessions_shows_an_empty_day(client, summit):
    release(summit)
    SessionFactory(summit=summit, title="Not placed")
    html = page(client, summit)
    assert "No session on this day." in html
    assert titles(html) == []
