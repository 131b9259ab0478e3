"""Filters and search of the public agenda: a GET form that works without JavaScript."""

import re

import pytest

from tests.factories import UserFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms
from tests.proposals.factories import SessionFormatFactory, TrackFactory

pytestmark = pytest.mark.django_db


def titles(client, summit, query: str) -> list[str]:
    response = client.get(agenda_url(summit) + query)
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(
        r'class="agenda-item__title" id="session-\d+">(?:<a href="[^"]*">)?([^<]+)<', html
    )


@pytest.fixture
def programme(summit):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    budgets = TrackFactory(summit=summit, slug="budgets", name={"en": "Budgets"})
    justice = TrackFactory(summit=summit, slug="justice", name={"en": "Justice"})
    workshop = SessionFormatFactory(name={"en": "Workshop"})
    panel = SessionFormatFactory(call=workshop.call, name={"en": "Panel"})
    v1 = release(summit)
    released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Open budgets",
                     track=budgets, format=workshop, language="en", interpretation=["fr"],
                     abstract="Participatory budgeting in cities.",
                     speakers=[UserFactory(name="Amina Diallo")])  # fmt: skip
    released_session(v1, room=beta, starts_at=at(summit, 0, 9), title="Données ouvertes",
                     track=justice, format=panel, language="fr", interpretation=["en", "es"],
                     abstract="Les tribunaux publient leurs décisions.",
                     speakers=[UserFactory(name="Jean Dupont")])  # fmt: skip
    released_session(v1, room=alpha, starts_at=at(summit, 0, 11), title="Lobbying registers",
                     track=budgets, format=panel, language="en", abstract="Who meets whom.",
                     speakers=[UserFactory(name="José Núñez")])  # fmt: skip
    released_session(v1, room=beta, starts_at=at(summit, 1, 9), title="Second day budgets",
                     track=budgets, language="en")  # fmt: skip
    return {"alpha": alpha, "beta": beta, "workshop": workshop, "panel": panel}


def test_without_filters_every_session_of_the_day_shows(client, summit, programme):
    assert titles(client, summit, "?view=list") == [
        "Open budgets",
        "Données ouvertes",
        "Lobbying registers",
    ]


def test_filter_by_track(client, summit, programme):
    assert titles(client, summit, "?track=budgets") == ["Open budgets", "Lobbying registers"]


def test_filter_by_format(client, summit, programme):
    query = f"?format={programme['panel'].pk}&view=list"
    assert titles(client, summit, query) == ["Données ouvertes", "Lobbying registers"]


def test_filter_by_language(client, summit, programme):
    assert titles(client, summit, "?language=fr") == ["Données ouvertes"]


def test_filter_by_room(client, summit, programme):
    query = f"?room={programme['alpha'].pk}"
    assert titles(client, summit, query) == ["Open budgets", "Lobbying registers"]


def test_filter_by_interpretation_language(client, summit, programme):
    assert titles(client, summit, "?interpretation=es") == ["Données ouvertes"]
    assert titles(client, summit, "?interpretation=fr") == ["Open budgets"]


def test_filters_combine(client, summit, programme):
    assert titles(client, summit, "?track=budgets&language=en&interpretation=fr") == [
        "Open budgets"
    ]


def test_search_reads_the_title(client, summit, programme):
    assert titles(client, summit, "?q=lobbying") == ["Lobbying registers"]


def test_search_reads_the_abstract_without_minding_accents(client, summit, programme):
    assert titles(client, summit, "?q=decisions+TRIBUNAUX") == ["Données ouvertes"]


def test_search_reads_the_speakers_names(client, summit, programme):
    assert titles(client, summit, "?q=nunez") == ["Lobbying registers"]
    assert titles(client, summit, "?q=Amina") == ["Open budgets"]


def test_day_tabs_count_matching_sessions_on_each_day(client, summit, programme):
    html = client.get(agenda_url(summit) + "?q=budgets").content.decode()
    assert re.findall(r'class="day-tabs__count">\((\d+) sessions?\)', html) == ["1", "1"]
    assert "1 matching session in all" not in html
    assert "2 matching sessions in all" in html


def test_nothing_matching_says_so(client, summit, programme):
    html = client.get(agenda_url(summit) + "?q=astronomy").content.decode()
    assert "No session on this day matches these filters." in html
    assert "Clear the filters" in html


def test_a_filter_value_not_in_the_programme_is_named_and_ignored(client, summit, programme):
    html = client.get(agenda_url(summit) + "?track=astronomy&room=x").content.decode()
    assert "Some filters were not understood and are ignored:" in html
    assert (
        "<li>Track: Select a valid choice. astronomy is not one of the available choices.</li>"
        in html
    )
    assert len(re.findall(r'class="agenda-item__title"', html)) == 3


def test_filter_choices_are_what_the_programme_holds(client, summit, programme):
    html = client.get(agenda_url(summit)).content.decode()
    track_select = html[
        html.index('name="track"') : html.index("</select>", html.index('name="track"'))
    ]
    assert re.findall(r"<option[^>]*>([^<]+)</option>", track_select) == [
        "All",
        "Budgets",
        "Justice",
    ]
    interpretation = html[html.index('name="interpretation"') :]
    interpretation = interpretation[: interpretation.index("</select>")]
    assert re.findall(r"<option[^>]*>([^<]+)</option>", interpretation) == [
        "All", "English", "French", "Spanish"
    ]  # fmt: skip


def test_the_form_keeps_the_chosen_day_and_view(client, summit, programme):
    html = client.get(agenda_url(summit) + "?view=list&q=budgets").content.decode()
    assert f'<input type="hidden" name="day" value="{summit.start_date.isoformat()}">' in html
    assert '<input type="hidden" name="view" value="list">' in html
    assert 'value="budgets" maxlength="200"' in html
