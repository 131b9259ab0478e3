"""Row numbers in addresses: too many digits is a page not found, never a server error."""

import pytest
from django.urls import Resolver404, resolve, reverse

from tests.programme.agenda_helpers import at, release, released_session, rooms

pytestmark = pytest.mark.django_db

HUGE = "9" * 23


def test_a_row_number_of_up_to_18_digits_is_read_as_a_number():
    match = resolve("/en/paris/programme/sessions/999999999999999999/")
    assert match.kwargs == {"summit": "paris", "session": 999999999999999999}
    assert reverse("programme:session", kwargs={"summit": "paris", "session": 42}) == (
        "/en/paris/programme/sessions/42/"
    )


def test_a_longer_row_number_matches_no_address():
    with pytest.raises(Resolver404):
        resolve(f"/en/paris/programme/sessions/{HUGE}/")


def test_a_huge_session_number_in_a_released_programme_is_not_found(client, summit):
    (alpha,) = rooms(summit, "Alpha")
    released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9))

    response = client.get(f"/en/{summit.slug}/programme/sessions/{HUGE}/")

    assert response.status_code == 404
