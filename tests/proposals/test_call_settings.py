"""Organisers set up the call: its dates in the summit's time zone, and its rules."""

import datetime as dt

import pytest

from cosummit.proposals.models import Call, FormatKind
from tests.factories import SummitFactory
from tests.proposals.factories import CallFactory
from tests.summits.factories_extra import NON_ORGANISERS, make_person, translated

pytestmark = pytest.mark.django_db


def settings_url(summit, language="en"):
    return f"/{language}/organise/{summit.slug}/call/"


def call_data(**overrides) -> dict:
    data = {
        "opens_at": "2016-04-20T18:00",
        "closes_at": "2016-06-15T23:59",
        **translated(
            "introduction",
            fr="Proposez une session pour le sommet.",
            en="Propose a session for the summit.",
        ),
        "is_discussion_public": "on",
        "discussion_opens_at": "",
        "max_co_speakers": "4",
        "max_proposals_per_person": "3",
        "max_supports_per_person": "",
        "reports_to_hide": "3",
        "interpretation_languages": "fr, en, es",
        "languages": "fr, en",
    }
    data.update(overrides)
    return data


@pytest.fixture
def organiser_client(client, summit):
    client.force_login(make_person("organiser", summit))
    return client


def test_setting_up_the_call_creates_the_default_formats_in_french_and_english(
    organiser_client, summit
):
    response = organiser_client.post(settings_url(summit), call_data())

    call = Call.objects.get(summit=summit)
    assert response["Location"] == settings_url(summit)
    assert [
        (f.kind, f.name["fr"], f.name["en"], f.min_minutes, f.max_minutes)
        for f in call.formats.all()
    ] == [
        (FormatKind.LECTURE, "Conférence ou panel", "Lecture or panel", 0, 80),
        (FormatKind.ROUND_TABLE, "Table ronde", "Round table", 60, 80),
        (FormatKind.WORKSHOP, "Atelier", "Workshop", 0, 80),
        (FormatKind.PITCH, "Pitch", "Pitch", 10, 15),
        (FormatKind.EXTERNAL, "Événement extérieur", "External event", 0, 0),
    ]


def test_dates_are_typed_in_the_summits_time_zone(organiser_client, settings):
    settings.TIME_ZONE = "UTC"
    summit = SummitFactory(timezone="Europe/Paris")
    organiser_client.force_login(make_person("organiser", summit))

    organiser_client.post(settings_url(summit), call_data())

    call = Call.objects.get(summit=summit)
    assert (call.opens_at, call.closes_at) == (
        dt.datetime(2016, 4, 20, 16, 0, tzinfo=dt.UTC),
        dt.datetime(2016, 6, 15, 21, 59, tzinfo=dt.UTC),
    )
    page = organiser_client.get(settings_url(summit)).text
    assert 'name="closes_at" value="2016-06-15T23:59"' in page


def test_a_call_in_montreal_closes_at_midnight_in_montreal(organiser_client):
    summit = SummitFactory(timezone="America/Montreal")
    organiser_client.force_login(make_person("organiser", summit))

    organiser_client.post(settings_url(summit), call_data(closes_at="2016-06-15T23:59"))

    assert Call.objects.get(summit=summit).closes_at == dt.datetime(
        2016, 6, 16, 3, 59, tzinfo=dt.UTC
    )


def test_the_rules_are_saved(organiser_client, summit):
    CallFactory(summit=summit)

    organiser_client.post(
        settings_url(summit),
        call_data(
            max_co_speakers="2",
            max_supports_per_person="10",
            reports_to_hide="5",
            is_discussion_public="",
            discussion_opens_at="2016-07-01T09:00",
        ),
    )

    call = Call.objects.get(summit=summit)
    summit.refresh_from_db()
    assert (
        call.max_co_speakers,
        call.max_proposals_per_person,
        call.max_supports_per_person,
        call.reports_to_hide,
        call.is_discussion_public,
        call.interpretation_languages,
        call.introduction["fr"],
        summit.languages,
    ) == (
        2,
        3,
        10,
        5,
        False,
        ["fr", "en", "es"],
        "Proposez une session pour le sommet.",
        ["fr", "en"],
    )
    assert call.discussion_opens_at == dt.datetime(2016, 7, 1, 7, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"closes_at": "2016-04-01T12:00"}, "The call must close after it opens."),
        ({"reports_to_hide": "0"}, "At least one report is needed to hide content."),
        ({"max_co_speakers": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"max_co_speakers": "500"}, "Ensure this value is less than or equal to 50."),
        ({"interpretation_languages": "français!"}, "is not a language code"),
        ({"opens_at": "tomorrow"}, "Enter a valid date/time."),
        ({"opens_at": "2016-03-27T02:30"}, "This time does not exist in Europe/Paris"),
    ],
)
def test_bad_rules_are_refused_and_nothing_changes(organiser_client, summit, overrides, message):
    call = CallFactory(summit=summit, max_co_speakers=4)

    response = organiser_client.post(settings_url(summit), call_data(**overrides))

    assert response.status_code == 200
    assert message in response.text
    assert Call.objects.get(pk=call.pk).max_co_speakers == 4


@pytest.mark.parametrize("kind", NON_ORGANISERS)
def test_only_organisers_reach_the_calls_pages(client, summit, kind):
    user = make_person(kind, summit)
    if user.is_authenticated:
        client.force_login(user)

    get = client.get(settings_url(summit))
    post = client.post(settings_url(summit), call_data())

    # An inactive account cannot log in: it is sent to the login page too.
    expected = 302 if kind in ("anonymous", "inactive organiser") else 404
    assert (get.status_code, post.status_code) == (expected, expected)
    assert Call.objects.count() == 0


def test_the_organiser_area_links_to_the_call(organiser_client, summit):
    page = organiser_client.get(f"/en/organise/{summit.slug}/").text

    assert f'href="/en/organise/{summit.slug}/call/"' in page
