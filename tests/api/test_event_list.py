import datetime as dt

import pytest
from django.utils import timezone

from cosummit.summits.models import Event
from tests.api.helpers import bearer
from tests.factories import EventFactory, VenueFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [event["title"]["en"] for event in response.json()["items"]]


def days_from_now(days: int) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)


def event_on(summit, title: str, days: int, **fields) -> Event:
    return EventFactory(
        summit=summit,
        title={"en": title},
        starts_at=days_from_now(days),
        ends_at=days_from_now(days) + dt.timedelta(hours=2),
        **fields,
    )


@pytest.fixture
def events(summit):
    event_on(summit, "Launch", -200, kind=Event.Kind.LAUNCH)
    event_on(summit, "Regional summit", -30, kind=Event.Kind.REGIONAL)
    event_on(summit, "Hackathon", 5, kind=Event.Kind.HACKATHON)
    event_on(summit, "Workshop", 10, kind=Event.Kind.WORKSHOP)
    event_on(summit, "Draft workshop", 12, kind=Event.Kind.WORKSHOP, is_published=False)


def test_anonymous_visitor_gets_upcoming_published_events_soonest_first(client, summit, events):
    response = client.get(f"/api/v1/summits/{summit.slug}/events")

    assert response.status_code == 200
    assert titles(response) == ["Hackathon", "Workshop"]


def test_past_events_come_latest_first(client, summit, events):
    response = client.get(f"/api/v1/summits/{summit.slug}/events", {"when": "past"})

    assert titles(response) == ["Regional summit", "Launch"]


def test_all_events_come_soonest_first(client, summit, events):
    response = client.get(f"/api/v1/summits/{summit.slug}/events", {"when": "all"})

    assert titles(response) == ["Launch", "Regional summit", "Hackathon", "Workshop"]


def test_events_are_filtered_by_kind(client, summit, events):
    response = client.get(
        f"/api/v1/summits/{summit.slug}/events", {"kind": "workshop", "when": "all"}
    )

    assert titles(response) == ["Workshop"]


def test_empty_kind_means_any_kind(client, summit, events):
    response = client.get(f"/api/v1/summits/{summit.slug}/events", {"kind": ""})

    assert titles(response) == ["Hackathon", "Workshop"]


def test_organiser_token_also_gets_unpublished_events(client, summit, events, organiser_token):
    response = client.get(
        f"/api/v1/summits/{summit.slug}/events",
        {"kind": "workshop"},
        headers=bearer(organiser_token),
    )

    assert titles(response) == ["Workshop", "Draft workshop"]
    assert [event["is_published"] for event in response.json()["items"]] == [True, False]


def test_another_organisers_token_does_not_get_unpublished_events(
    client, summit, events, other_token
):
    response = client.get(
        f"/api/v1/summits/{summit.slug}/events",
        {"kind": "workshop"},
        headers=bearer(other_token),
    )

    assert titles(response) == ["Workshop"]


def test_invalid_token_is_refused(client, summit, events):
    response = client.get(f"/api/v1/summits/{summit.slug}/events", headers=bearer("cs_wrong"))

    assert response.status_code == 401
    assert response.json() == {
        "detail": "This API token is not valid: it may have been revoked. "
        "Create a new one on your API tokens page."
    }


def test_events_of_an_unpublished_summit_are_not_found_for_visitors(client, summit, events):
    summit.is_published = False
    summit.save(update_fields=["is_published"])

    response = client.get(f"/api/v1/summits/{summit.slug}/events")

    assert response.status_code == 404
    assert response.json() == {"detail": f"There is no summit “{summit.slug}” that you may see."}


def test_unknown_kind_is_refused_with_the_kinds_that_exist(client, summit):
    response = client.get(f"/api/v1/summits/{summit.slug}/events", {"kind": "party"})

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "“kind” is not valid: Input should be 'launch', 'workshop', 'regional', "
        "'conference', 'summit_day', 'cso_day', 'hackathon' or 'external'."
    )


def test_unknown_time_filter_is_refused_with_the_choices(client, summit):
    response = client.get(f"/api/v1/summits/{summit.slug}/events", {"when": "tomorrow"})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "“when” is not valid: Input should be 'upcoming', 'past' or 'all'.",
        "errors": [
            {
                "location": "query",
                "field": "when",
                "message": "Input should be 'upcoming', 'past' or 'all'",
            }
        ],
    }


@pytest.mark.parametrize(
    ("parameters", "detail"),
    [
        ({"limit": "0"}, "“limit” is not valid: Input should be greater than or equal to 1."),
        (
            {"limit": "ten"},
            "“limit” is not valid: Input should be a valid integer, "
            "unable to parse string as an integer.",
        ),
        ({"offset": "-1"}, "“offset” is not valid: Input should be greater than or equal to 0."),
        (
            {"offset": str(10**30)},
            "“offset” is not valid: Input should be less than or equal to 1000000.",
        ),
    ],
)
def test_malformed_page_parameters_are_refused(client, summit, parameters, detail):
    response = client.get(f"/api/v1/summits/{summit.slug}/events", parameters)

    assert (response.status_code, response.json()["detail"]) == (422, detail)


def test_events_are_paginated(client, summit, events):
    response = client.get(
        f"/api/v1/summits/{summit.slug}/events", {"when": "all", "limit": 2, "offset": 2}
    )

    assert titles(response) == ["Hackathon", "Workshop"]
    assert response.json()["count"] == 4
    assert response.json()["next"] is None
    assert response.json()["previous"] == (
        f"http://testserver/api/v1/summits/{summit.slug}/events?limit=2&offset=0&when=all"
    )


@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "organiser token"])
def test_event_list_makes_a_constant_number_of_queries(
    client, summit, organiser_token, django_assert_num_queries, with_token
):
    headers = bearer(organiser_token) if with_token else {}
    url = f"/api/v1/summits/{summit.slug}/events"
    client.get(url, headers=headers)  # The token notes its first use.
    venue = VenueFactory(summit=summit)
    EventFactory(summit=summit, venue=venue)
    # The summit, the count and the page; with a token, finding the token and
    # asking whether its owner organises the summit.
    expected = 5 if with_token else 3
    with django_assert_num_queries(expected):
        assert len(client.get(url, headers=headers).json()["items"]) == 1
    EventFactory.create_batch(2, summit=summit, venue=VenueFactory(summit=summit))
    with django_assert_num_queries(expected):
        assert len(client.get(url, headers=headers).json()["items"]) == 3
