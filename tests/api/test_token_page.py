import re

import pytest

from cosummit.api.domain import create_api_token
from cosummit.api.models import ApiToken
from tests.api.helpers import bearer

pytestmark = pytest.mark.django_db

PAGE = "/en/api-tokens/"


def shown_token(response) -> str:
    match = re.search(r'<input id="new-token" type="text" value="([^"]+)" readonly', response.text)
    return match.group(1) if match else ""


def test_page_asks_visitors_to_log_in(client):
    response = client.get(PAGE)

    assert (response.status_code, response["Location"]) == (
        302,
        "/en/accounts/login/?next=/en/api-tokens/",
    )


def test_team_member_sees_a_labelled_form_to_create_a_token(client, organiser):
    client.force_login(organiser)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert '<label for="id_name">Name of the new token:</label>' in response.text
    assert '<button type="submit" class="button">Create the token</button>' in response.text
    assert "You have no API tokens." in response.text


def test_person_without_a_verified_address_gets_an_explanation_instead_of_the_form(
    client, participant
):
    participant.emailaddress_set.update(verified=False)
    client.force_login(participant)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert 'id="id_name"' not in response.text
    assert "API tokens are for people whose e-mail address is verified" in response.text


def test_person_without_a_verified_address_cannot_create_a_token_by_posting(client, participant):
    participant.emailaddress_set.update(verified=False)
    client.force_login(participant)

    response = client.post(PAGE, {"name": "Scraper"})

    assert response.status_code == 403
    assert "API tokens are for people whose e-mail address is verified" in response.text
    assert ApiToken.objects.count() == 0


def test_creating_a_token_shows_its_secret_once(client, organiser):
    client.force_login(organiser)

    response = client.post(PAGE, {"name": "Agenda export"})

    raw = shown_token(response)
    assert response.status_code == 200
    assert raw.startswith("cs_")
    assert "Copy it now: it will not be shown again." in response.text
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    token = ApiToken.objects.get(user=organiser)
    assert (token.name, token.prefix) == ("Agenda export", raw[:8])
    assert shown_token(client.get(PAGE)) == ""
    assert raw not in client.get(PAGE).text


def test_created_token_reads_the_api_as_its_owner(client, organiser):
    client.force_login(organiser)
    raw = shown_token(client.post(PAGE, {"name": "Agenda export"}))
    client.logout()

    response = client.get("/api/v1/me", headers=bearer(raw))

    assert response.json()["email"] == organiser.email


def test_token_without_a_name_is_not_created(client, organiser):
    client.force_login(organiser)

    response = client.post(PAGE, {"name": "  "})

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert 'aria-invalid="true"' in response.text
    assert ApiToken.objects.count() == 0


def test_page_lists_the_users_tokens_without_their_secret(client, organiser):
    token, raw = create_api_token(organiser, name="Agenda export")
    client.force_login(organiser)

    response = client.get(PAGE)

    assert '<th scope="row">Agenda export</th>' in response.text
    assert f"<code>{token.prefix}…</code>" in response.text
    assert raw not in response.text
    assert "Never" in response.text


def test_revoking_a_token_deletes_it_and_says_so(client, organiser):
    token, raw = create_api_token(organiser, name="Agenda export")
    client.force_login(organiser)

    response = client.post(f"/en/api-tokens/{token.pk}/revoke/", follow=True)

    assert response.redirect_chain == [("/en/api-tokens/", 302)]
    assert (
        "The token “Agenda export” is revoked: programs using it can no longer reach the API."
        in response.text
    )
    assert ApiToken.objects.count() == 0
    assert client.get("/api/v1/summits", headers=bearer(raw)).status_code == 401


def test_revoking_needs_a_post(client, organiser):
    token, _raw = create_api_token(organiser, name="Agenda export")
    client.force_login(organiser)

    response = client.get(f"/en/api-tokens/{token.pk}/revoke/")

    assert response.status_code == 405
    assert ApiToken.objects.count() == 1


def test_nobody_can_revoke_someone_elses_token(client, organiser, other_team_member):
    token, _raw = create_api_token(organiser, name="Agenda export")
    client.force_login(other_team_member)

    response = client.post(f"/en/api-tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    assert ApiToken.objects.count() == 1


def test_revoke_buttons_name_the_token_they_revoke(client, organiser):
    create_api_token(organiser, name="Agenda export")
    client.force_login(organiser)

    response = client.get(PAGE)

    assert 'Revoke<span class="visually-hidden"> “Agenda export”</span></button>' in response.text
