"""The public read API of the released programme: days, sessions, rooms, speakers."""

import pytest

from cosummit.programme.models import Slot
from tests.api.helpers import bearer
from tests.factories import SummitFactory, UserFactory
from tests.programme.agenda_helpers import at, release, released_session, rooms
from tests.programme.factories import DayFactory, SessionFactory
from tests.proposals.factories import TrackFactory

pytestmark = pytest.mark.django_db


def api(summit, path: str) -> str:
    return f"/api/v1/summits/{summit.slug}/programme/{path}"


@pytest.fixture
def programme(summit):
    alpha, beta = rooms(summit, "Alpha", "Beta")
    beta.interpretation_booths = ["fr"]
    beta.save(update_fields=["interpretation_booths"])
    amina = UserFactory(name="Amina Diallo", organisation="Open Data Kenya")
    track = TrackFactory(summit=summit, slug="budgets", name={"en": "Budgets", "fr": "Budgets"})
    v1 = release(summit)
    budgets = released_session(v1, room=alpha, starts_at=at(summit, 0, 9), title="Open budgets",
                               track=track, interpretation=["fr"], speakers=[amina],
                               abstract="Participatory budgeting.")  # fmt: skip
    contracts = released_session(v1, room=beta, starts_at=at(summit, 1, 14), title="Contracts",
                                 language="fr", speakers=[UserFactory(name="Jean")])  # fmt: skip
    SessionFactory(summit=summit, title="Draft", speakers=[UserFactory(name="Nobody")])
    DayFactory(summit=summit, name={"en": "CSO Day", "fr": "Journée OSC"})
    return {"budgets": budgets, "contracts": contracts, "alpha": alpha, "beta": beta,
            "amina": amina, "release": v1}  # fmt: skip


def test_days_list_the_days_of_the_latest_release(client, summit, programme):
    body = client.get(api(summit, "days")).json()
    assert body["release"]["version"] == 1
    assert body["timezone"] == "Europe/Paris"
    assert body["days"] == [
        {"date": summit.start_date.isoformat(), "name": {"en": "CSO Day", "fr": "Journée OSC"},
         "sessions": 1},
        {"date": at(summit, 1, 0).date().isoformat(), "name": {"en": None, "fr": None},
         "sessions": 1},
    ]  # fmt: skip


def test_sessions_come_with_their_place_and_speakers(client, summit, programme):
    body = client.get(api(summit, "sessions")).json()
    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    first = body["items"][0]
    budgets = programme["budgets"]
    assert first == {
        "id": budgets.pk,
        "kind": "session",
        "title": "Open budgets",
        "abstract": "Participatory budgeting.",
        "language": "en",
        "interpretation": ["fr"],
        "track": {"slug": "budgets", "name": {"en": "Budgets", "fr": "Budgets"}},
        "format": None,
        "takes_whole_venue": False,
        "speakers": [{"id": programme["amina"].pk, "name": "Amina Diallo"}],
        "pitches": [],
        "room": {"id": programme["alpha"].pk, "name": {"en": "Alpha", "fr": "Salle Alpha"}},
        "starts_at": at(summit, 0, 9).isoformat(),
        "ends_at": at(summit, 0, 10).isoformat(),
        "url": f"http://testserver/en/{summit.slug}/programme/sessions/{budgets.pk}/",
    }
    assert [item["title"] for item in body["items"]] == ["Open budgets", "Contracts"]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("day=DAY2", ["Contracts"]),
        ("track=budgets", ["Open budgets"]),
        ("language=fr", ["Contracts"]),
        ("interpretation=fr", ["Open budgets"]),
        ("q=amina", ["Open budgets"]),
        ("q=PARTICIPATORY", ["Open budgets"]),
        ("q=contracts+jean", ["Contracts"]),
        ("q=nobody", []),
        ("room=ROOM", ["Contracts"]),
    ],
)
def test_sessions_filter_like_the_agenda(client, summit, programme, query, titles):
    query = query.replace("DAY2", at(summit, 1, 0).date().isoformat())
    query = query.replace("ROOM", str(programme["beta"].pk))
    body = client.get(api(summit, f"sessions?{query}")).json()
    assert [item["title"] for item in body["items"]] == titles


def test_a_bad_filter_gets_422_with_the_reason(client, summit, programme):
    response = client.get(api(summit, "sessions?day=tomorrow"))
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["day"]


def test_sessions_are_paginated(client, summit, programme):
    body = client.get(api(summit, "sessions?limit=1")).json()
    assert [item["title"] for item in body["items"]] == ["Open budgets"]
    assert body["next"] == f"http://testserver{api(summit, 'sessions')}?limit=1&offset=1"


def test_one_session(client, summit, programme):
    budgets = programme["budgets"]
    body = client.get(api(summit, f"sessions/{budgets.pk}")).json()
    assert (body["id"], body["title"]) == (budgets.pk, "Open budgets")


def test_a_session_outside_the_latest_release_is_not_found(client, summit, programme):
    draft = SessionFactory(summit=summit)
    response = client.get(api(summit, f"sessions/{draft.pk}"))
    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no session number {draft.pk} in the published programme."
    }


def test_only_the_latest_release_is_read(client, summit, programme):
    v2 = release(summit, 2)
    Slot.objects.create(session=programme["contracts"], release=v2, room=programme["alpha"],
                        starts_at=at(summit, 0, 16), ends_at=at(summit, 0, 17))  # fmt: skip
    items = client.get(api(summit, "sessions")).json()["items"]
    assert [(item["title"], item["starts_at"]) for item in items] == [
        ("Contracts", at(summit, 0, 16).isoformat())
    ]
    assert client.get(api(summit, f"sessions/{programme['budgets'].pk}")).status_code == 404
    assert client.get(api(summit, "days")).json()["release"]["version"] == 2


def test_rooms_of_the_release(client, summit, programme):
    body = client.get(api(summit, "rooms")).json()
    assert body == [
        {"id": programme["alpha"].pk, "name": {"en": "Alpha", "fr": "Salle Alpha"},
         "venue": {"en": "Palais d'Iéna", "fr": "Palais d'Iéna"},
         "capacity": 100, "is_step_free": True, "equipment": [], "interpretation_booths": []},
        {"id": programme["beta"].pk, "name": {"en": "Beta", "fr": "Salle Beta"},
         "venue": {"en": "Palais d'Iéna", "fr": "Palais d'Iéna"},
         "capacity": 100, "is_step_free": True, "equipment": [], "interpretation_booths": ["fr"]},
    ]  # fmt: skip


def test_speakers_of_the_release_with_their_sessions(client, summit, programme):
    body = client.get(api(summit, "speakers")).json()
    assert body["items"] == [
        {"id": programme["amina"].pk, "name": "Amina Diallo", "organisation": "Open Data Kenya",
         "sessions": [programme["budgets"].pk]},
        {"id": programme["contracts"].speakers.get().pk, "name": "Jean",
         "organisation": "Open Data Collective", "sessions": [programme["contracts"].pk]},
    ]  # fmt: skip
    assert "email" not in body["items"][0]


def test_speakers_of_pitches_in_a_released_pitch_session_are_listed_with_it(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    group = released_session(v1, room=alpha, starts_at=at(summit, 0, 9), kind="pitches")
    pitcher = UserFactory(name="Pitcher")
    SessionFactory(summit=summit, pitch_session=group, speakers=[pitcher])
    body = client.get(api(summit, "speakers")).json()
    assert [(item["id"], item["sessions"]) for item in body["items"]] == [(pitcher.pk, [group.pk])]


def test_before_any_release_every_endpoint_says_not_published(client, summit):
    for path in ("days", "sessions", "sessions/1", "rooms", "speakers"):
        response = client.get(api(summit, path))
        assert (response.status_code, response.json()) == (
            404,
            {"detail": "The programme is not published yet."},
        )


def test_an_unpublished_summit_is_not_found_except_for_its_organisers(
    client, summit, programme, organiser_token, other_token
):
    summit.is_published = False
    summit.save(update_fields=["is_published"])
    response = client.get(api(summit, "sessions"))
    assert (response.status_code, response.json()) == (
        404,
        {"detail": f"There is no summit “{summit.slug}” that you may see."},
    )
    assert client.get(api(summit, "sessions"), headers=bearer(other_token)).status_code == 404
    response = client.get(api(summit, "sessions"), headers=bearer(organiser_token))
    assert response.json()["count"] == 2


@pytest.mark.parametrize("count", [1, 3])
def test_session_list_makes_a_constant_number_of_queries(client, django_assert_num_queries, count):
    summit = SummitFactory()
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    for index in range(count):
        released_session(v1, room=alpha, starts_at=at(summit, 0, 9 + index),
                         speakers=[UserFactory(), UserFactory()])  # fmt: skip
    # The summit, the release, the count, the page, its speakers, its pitches (none).
    with django_assert_num_queries(6):
        body = client.get(api(summit, "sessions")).json()
    assert body["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_pitch_sessions_list_their_pitches_in_a_constant_number_of_queries(
    client, django_assert_num_queries, count
):
    summit = SummitFactory()
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    for index in range(count):
        group = released_session(
            v1,
            room=alpha,
            starts_at=at(summit, 0, 9 + index),
            kind="pitches",
            title=f"Pitches {index}",
        )
        SessionFactory(summit=summit, title=f"Pitch {index}", pitch_session=group,
                       speakers=[UserFactory(name=f"Pitcher {index}")])  # fmt: skip
    # As above, and the pitches' speakers.
    with django_assert_num_queries(7):
        body = client.get(api(summit, "sessions")).json()
    assert [
        [(pitch["title"], [s["name"] for s in pitch["speakers"]]) for pitch in item["pitches"]]
        for item in body["items"]
    ] == [[(f"Pitch {index}", [f"Pitcher {index}"])] for index in range(count)]


@pytest.mark.parametrize("count", [1, 3])
def test_speaker_list_makes_a_constant_number_of_queries(client, django_assert_num_queries, count):
    summit = SummitFactory()
    (alpha,) = rooms(summit, "Alpha")
    v1 = release(summit)
    for index in range(count):
        released_session(v1, room=alpha, starts_at=at(summit, 0, 9 + index),
                         speakers=[UserFactory()])  # fmt: skip
    # The summit, the release, the count, the page, their sessions.
    with django_assert_num_queries(5):
        body = client.get(api(summit, "speakers")).json()
    assert body["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_room_list_makes_a_constant_number_of_queries(client, django_assert_num_queries, count):
    summit = SummitFactory()
    room_list = rooms(summit, "A", "B", "C")
    v1 = release(summit)
    for index in range(count):
        released_session(v1, room=room_list[index], starts_at=at(summit, 0, 9))
    with django_assert_num_queries(3):
        body = client.get(api(summit, "rooms")).json()
    assert len(body) == count
