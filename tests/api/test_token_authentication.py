import datetime as dt

import pytest
from django.utils import timezone

from cosummit.api.domain import revoke_api_token
from cosummit.api.models import ApiToken
from tests.api.helpers import bearer

pytestmark = pytest.mark.django_db

INVALID = (
    "This API token is not valid: it may have been revoked. "
    "Create a new one on your API tokens page."
)


def test_valid_token_is_accepted(client, organiser_token):
    response = client.get("/api/v1/me", headers=bearer(organiser_token))

    assert response.status_code == 200


def test_unknown_token_is_refused_with_a_bearer_challenge(client, db):
    response = client.get("/api/v1/me", headers=bearer("cs_unknown"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="cosummit", error="invalid_token"'
    assert response.json() == {"detail": INVALID}


def test_revoked_token_is_refused(client, organiser, organiser_token):
    revoke_api_token(ApiToken.objects.get(user=organiser), by=organiser)

    response = client.get("/api/v1/summits", headers=bearer(organiser_token))

    assert (response.status_code, response.json()) == (401, {"detail": INVALID})


def test_token_of_a_deactivated_account_is_refused(client, organiser, organiser_token):
    organiser.is_active = False
    organiser.save(update_fields=["is_active"])

    response = client.get("/api/v1/summits", headers=bearer(organiser_token))

    assert (response.status_code, response.json()) == (401, {"detail": INVALID})


@pytest.mark.parametrize("header", ["Token abc", "Basic dXNlcjpwYXNz", "Bearer", "Bearer   "])
def test_authorization_header_in_another_form_is_refused(client, db, header):
    response = client.get("/api/v1/summits", headers={"Authorization": header})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="cosummit", error="invalid_request"'
    assert response.json() == {
        "detail": "Send the API token in the header “Authorization: Bearer <token>”."
    }


def test_bearer_scheme_is_case_insensitive(client, organiser_token):
    response = client.get("/api/v1/me", headers={"Authorization": f"bearer {organiser_token}"})

    assert response.status_code == 200


def test_the_api_ignores_the_session_of_a_logged_in_organiser(client, summit, organiser):
    """Only a token identifies a caller, so that no other site can use a visitor's session."""
    summit.is_published = False
    summit.save(update_fields=["is_published"])
    client.force_login(organiser)

    assert client.get(f"/api/v1/summits/{summit.slug}").status_code == 404
    assert client.get("/api/v1/me").status_code == 401


def test_first_use_of_a_token_is_noted(client, organiser, organiser_token):
    before = timezone.now()

    client.get("/api/v1/summits", headers=bearer(organiser_token))

    last_used_at = ApiToken.objects.get(user=organiser).last_used_at
    assert before <= last_used_at <= timezone.now()


def test_use_is_noted_at_most_once_a_minute(client, organiser, organiser_token):
    token = ApiToken.objects.get(user=organiser)
    thirty_seconds_ago = timezone.now() - dt.timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=thirty_seconds_ago)

    client.get("/api/v1/summits", headers=bearer(organiser_token))

    token.refresh_from_db()
    assert token.last_used_at == thirty_seconds_ago


def test_use_is_noted_again_after_a_minute(client, organiser, organiser_token):
    token = ApiToken.objects.get(user=organiser)
    two_minutes_ago = timezone.now() - dt.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=two_minutes_ago)

    client.get("/api/v1/summits", headers=bearer(organiser_token))

    token.refresh_from_db()
    assert token.last_used_at > two_minutes_ago + dt.timedelta(minutes=1)
