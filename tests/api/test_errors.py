"""Every answer of the API is JSON, errors included, and the API leaves CSRF alone."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_address_under_the_api_is_a_json_404(client):
    response = client.get("/api/v1/sessions")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "There is no API endpoint at this address. "
        "The documentation at /api/v1/docs lists them."
    }


def test_api_root_points_to_the_documentation_and_the_schema(client):
    response = client.get("/api/v1/")

    assert response.json() == {
        "title": "cosummit API",
        "version": "1",
        "docs": "http://testserver/api/v1/docs",
        "openapi": "http://testserver/api/v1/openapi.json",
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_to_an_endpoint_is_a_json_405(client, summit, method):
    response = getattr(client, method)(f"/api/v1/summits/{summit.slug}")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "This address only answers to GET."}


def test_posting_to_the_schema_is_a_json_405_not_a_csrf_page(client):
    response = client.post("/api/v1/openapi.json")

    assert response.status_code == 405
    assert response.json() == {"detail": "This address only answers to GET, HEAD."}


def test_api_answers_without_a_csrf_token_even_when_checks_are_enforced(summit):
    api_client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})

    response = api_client.post(f"/api/v1/summits/{summit.slug}")

    assert (response.status_code, response.json()["detail"]) == (
        405,
        "This address only answers to GET.",
    )


def test_the_rest_of_the_site_still_refuses_a_post_without_csrf_token(organiser):
    site_client = Client(enforce_csrf_checks=True)
    site_client.force_login(organiser)

    response = site_client.post("/en/api-tokens/", {"name": "Sneaky"})

    assert response.status_code == 403
    assert organiser.api_tokens.count() == 0
