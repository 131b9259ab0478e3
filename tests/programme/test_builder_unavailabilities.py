"""Organisers record and forget times when speakers cannot speak."""

import pytest

from cosummit.programme.models import Unavailability
from tests.factories import UserFactory
from tests.programme.builder_helpers import (
    at,
    local,
    organiser_client_fixture,  # noqa: F401
    page,
    shown_messages,
)
from tests.programme.factories import UnavailabilityFactory

pytestmark = pytest.mark.django_db


def test_an_organiser_adds_a_speakers_unavailability(organiser_client, summit):
    speaker = UserFactory(email="amina@example.org", name="Amina")
    response = organiser_client.post(
        page("unavailabilities", summit),
        {
            "speaker": "Amina@example.org",
            "starts_at": local(at(summit, 9)),
            "ends_at": local(at(summit, 12)),
            "note": "Flight lands at noon",
        },
        follow=True,
    )
    assert response.redirect_chain == [(page("unavailabilities", summit), 302)]
    assert shown_messages(response) == ["Amina's unavailability was added."]
    row = Unavailability.objects.get()
    assert (row.summit, row.user, row.starts_at, row.ends_at, row.note) == (
        summit,
        speaker,
        at(summit, 9),
        at(summit, 12),
        "Flight lands at noon",
    )
    assert response.content.decode().count("Flight lands at noon") == 1


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"speaker": "nobody@example.org"}, "speaker", "No one has an account with this address."),
        ({"speaker": "not an address"}, "speaker", "Enter a valid email address."),
        ({"ends_at": "SAME"}, "ends_at", "The end must come after the start."),
        ({"ends_at": "EARLIER"}, "ends_at", "The end must come after the start."),
        ({"starts_at": ""}, "starts_at", "This field is required."),
        ({"note": "x" * 201}, "note", "Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_bad_input_adds_no_unavailability(organiser_client, summit, change, field, error):
    UserFactory(email="amina@example.org")
    data = {
        "speaker": "amina@example.org",
        "starts_at": local(at(summit, 9)),
        "ends_at": local(at(summit, 12)),
        "note": "",
    }
    data.update(change)
    if data["ends_at"] == "SAME":
        data["ends_at"] = data["starts_at"]
    if data["ends_at"] == "EARLIER":
        data["ends_at"] = local(at(summit, 8))
    response = organiser_client.post(page("unavailabilities", summit), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert Unavailability.objects.count() == 0


def test_an_organiser_deletes_an_unavailability(organiser_client, summit):
    row = UnavailabilityFactory(summit=summit, starts_at=at(summit, 9))
    response = organiser_client.post(
        page("unavailability_delete", summit, unavailability=row.pk), follow=True
    )
    assert shown_messages(response) == ["The unavailability was deleted."]
    assert Unavailability.objects.count() == 0


def test_an_unavailability_of_another_summit_cannot_be_deleted(organiser_client, summit):
    row = UnavailabilityFactory(starts_at=at(summit, 9))
    response = organiser_client.post(page("unavailability_delete", summit, unavailability=row.pk))
    assert response.status_code == 404
    assert Unavailability.objects.count() == 1


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_runs_the_same_queries_for_1_and_3_rows(
    organiser_client, summit, django_assert_num_queries, count
):
    for hour in range(count):
        UnavailabilityFactory(summit=summit, starts_at=at(summit, 9 + hour))
    with django_assert_num_queries(5):
        response = organiser_client.get(page("unavailabilities", summit))
    assert len(response.context["unavailabilities"]) == count
