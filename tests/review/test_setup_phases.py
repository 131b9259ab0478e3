"""Organisers set the review's phases, with dates typed in the summit's time zone."""

import datetime as dt

import pytest

from cosummit.review.models import Phase
from tests.factories import PARIS
from tests.review.factories import PhaseFactory
from tests.review.organiser_helpers import (
    organise_url,
    organiser_client_fixture,  # noqa: F401
    phase_data,
)
from tests.summits.factories_extra import translated

pytestmark = pytest.mark.django_db


def test_an_organiser_adds_a_phase_in_the_summits_time_zone(organiser_client, summit):
    response = organiser_client.post(
        organise_url(summit, "phases/new/"),
        phase_data(other_reviews="always", speakers_can_edit="on", position="2"),
    )

    phase = Phase.objects.get(summit=summit)
    assert response["Location"] == organise_url(summit, "phases/")
    assert (
        dict(phase.name),
        phase.starts_at,
        phase.ends_at,
        phase.reviewers_can_score,
        phase.other_reviews,
        phase.speakers_can_edit,
        phase.position,
    ) == (
        {"fr": "Première lecture", "en": "First reading"},
        dt.datetime(2016, 6, 20, 9, 0, tzinfo=PARIS),
        dt.datetime(2016, 7, 10, 18, 0, tzinfo=PARIS),
        True,
        "always",
        True,
        2,
    )


def test_the_edit_form_shows_the_times_in_the_summits_time_zone(organiser_client, summit):
    phase = PhaseFactory(
        summit=summit,
        starts_at=dt.datetime(2016, 6, 20, 7, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 7, 10, 16, 0, tzinfo=dt.UTC),
    )

    html = organiser_client.get(organise_url(summit, f"phases/{phase.pk}/")).text

    assert 'name="starts_at" value="2016-06-20T09:00"' in html
    assert 'name="ends_at" value="2016-07-10T18:00"' in html


def test_an_organiser_changes_a_phase(organiser_client, summit):
    phase = PhaseFactory(summit=summit)

    organiser_client.post(
        organise_url(summit, f"phases/{phase.pk}/"),
        phase_data(**translated("name", en="Second reading"), reviewers_can_score=""),
    )

    phase.refresh_from_db()
    assert (dict(phase.name), phase.reviewers_can_score) == ({"en": "Second reading"}, False)


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"ends_at": "2016-06-20T09:00"}, {"ends_at": ["A phase must end after it starts."]}),
        ({"ends_at": "2016-06-19T09:00"}, {"ends_at": ["A phase must end after it starts."]}),
        ({"starts_at": "20 June"}, {"starts_at": ["Enter a valid date/time."]}),
        (
            {"starts_at": "2016-03-27T02:30"},
            {
                "starts_at": [
                    "This time does not exist in Europe/Paris: the clocks skip it that day."
                ]
            },
        ),
        (translated("name"), {"name": ["Fill this in, in at least one language."]}),
        (
            {"other_reviews": "sometimes"},
            {
                "other_reviews": [
                    "Select a valid choice. sometimes is not one of the available choices."
                ]
            },
        ),
    ],
)
def test_a_bad_phase_is_refused_and_nothing_is_saved(
    organiser_client,
    summit,
    overrides,
    errors,
):
    response = organiser_client.post(organise_url(summit, "phases/new/"), phase_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Phase.objects.count() == 0


def test_an_organiser_deletes_a_phase_after_confirming(organiser_client, summit):
    phase = PhaseFactory(summit=summit, name={"en": "Reading"})

    page = organiser_client.get(organise_url(summit, f"phases/{phase.pk}/delete/")).text
    response = organiser_client.post(organise_url(summit, f"phases/{phase.pk}/delete/"))

    assert "Delete the phase “Reading”?" in page
    assert response["Location"] == organise_url(summit, "phases/")
    assert Phase.objects.count() == 0


def test_the_list_marks_the_current_phase(organiser_client, summit):
    PhaseFactory(summit=summit, name={"en": "Now"})

    html = organiser_client.get(organise_url(summit, "phases/")).text

    assert '<span lang="en">Now</span></a> <span class="badge">Current</span>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_phase_list_takes_the_same_queries_for_one_phase_or_three(
    organiser_client,
    summit,
    count,
    django_assert_num_queries,
):
    for _ in range(count):
        PhaseFactory(summit=summit)
    organiser_client.get(organise_url(summit, "phases/"))

    with django_assert_num_queries(6):
        response = organiser_client.get(organise_url(summit, "phases/"))

    assert len(response.context["phases"]) == count
