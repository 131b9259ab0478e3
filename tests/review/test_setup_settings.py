"""Organisers choose how the review runs: blind or not, reviews per proposal, loads."""

import pytest

from cosummit.review.models import ReviewSettings
from tests.review.factories import ReviewSettingsFactory
from tests.review.organiser_helpers import (
    organise_url,
    organiser_client_fixture,  # noqa: F401
    settings_data,
)

pytestmark = pytest.mark.django_db


def saved(summit) -> dict:
    return ReviewSettings.objects.filter(summit=summit).values(
        "is_blind",
        "reviews_per_proposal",
        "min_load",
        "max_load",
        "conflict_same_country",
        "disagreement",
        "reply_days",
    )[0]


def test_the_first_save_creates_the_settings(organiser_client, summit):
    response = organiser_client.post(
        organise_url(summit, "settings/"),
        settings_data(is_blind="", conflict_same_country="on", reviews_per_proposal="2"),
    )

    assert response["Location"] == organise_url(summit, "settings/")
    assert saved(summit) == {
        "is_blind": False,
        "reviews_per_proposal": 2,
        "min_load": 5,
        "max_load": 40,
        "conflict_same_country": True,
        "disagreement": 30,
        "reply_days": 14,
    }


def test_the_page_shows_the_defaults_until_they_are_saved(organiser_client, summit):
    html = organiser_client.get(organise_url(summit, "settings/")).text

    assert "These are the default settings; nothing is saved until you save them." in html
    assert 'name="reviews_per_proposal" value="3"' in html
    assert ReviewSettings.objects.count() == 0


def test_saving_again_changes_the_same_row(organiser_client, summit):
    existing = ReviewSettingsFactory(summit=summit, reviews_per_proposal=2)

    organiser_client.post(organise_url(summit, "settings/"), settings_data(max_load="12"))

    assert list(ReviewSettings.objects.values_list("pk", "max_load", "reviews_per_proposal")) == [
        (existing.pk, 12, 3)
    ]


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("reviews_per_proposal", "0", "Ensure this value is greater than or equal to 1."),
        ("reviews_per_proposal", "three", "Enter a whole number."),
        ("max_load", "4", "The most proposals per reviewer cannot be below the fewest."),
        ("max_load", "0", "Ensure this value is greater than or equal to 1."),
        ("disagreement", "101", "Ensure this value is less than or equal to 100."),
        ("reply_days", "", "This field is required."),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_saved(
    organiser_client,
    summit,
    field,
    value,
    error,
):
    response = organiser_client.post(
        organise_url(summit, "settings/"), settings_data(**{field: value})
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert ReviewSettings.objects.count() == 0
