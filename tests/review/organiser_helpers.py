"""Addresses, form data and fixtures for the tests of the organisers' review pages.

Fixtures are named `<name>_fixture` and registered as `<name>`: a test module
imports the `_fixture` functions it needs.
"""

import pytest

from tests.summits.factories_extra import make_person, translated


def organise_url(summit, tail: str = "", language: str = "en") -> str:
    return f"/{language}/organise/{summit.slug}/review/{tail}"


def phase_data(**overrides) -> dict[str, str]:
    data = {
        **translated("name", fr="Première lecture", en="First reading"),
        "starts_at": "2016-06-20T09:00",
        "ends_at": "2016-07-10T18:00",
        "reviewers_can_score": "on",
        "other_reviews": "after_own",
        "position": "0",
    }
    data.update(overrides)
    return data


def criterion_data(**overrides) -> dict[str, str]:
    data = {
        **translated("name", fr="Co-création", en="Co-creation"),
        **translated("description"),
        "weight": "2",
        "scale_min": "0",
        "scale_max": "5",
        "position": "0",
    }
    data.update(overrides)
    return data


def settings_data(**overrides) -> dict[str, str]:
    data = {
        "is_blind": "on",
        "reviews_per_proposal": "3",
        "min_load": "5",
        "max_load": "40",
        "disagreement": "30",
        "reply_days": "14",
    }
    data.update(overrides)
    return data


def team_data(**overrides) -> dict:
    data = {
        **translated("name", fr="Comité de la Journée OSC", en="CSO Day committee"),
        "tracks": [],
        "members": [],
        "can_decide": "on",
    }
    data.update(overrides)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture(name="organiser_client")
def organiser_client_fixture(client, summit):
    """The test client, logged in as an organiser of the `summit` fixture."""
    client.force_login(make_person("organiser", summit))
    return client
