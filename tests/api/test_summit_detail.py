import datetime as dt

import pytest

from tests.api.helpers import bearer
from tests.factories import SummitFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_summit_is_described_with_every_language_of_its_texts(client):
    summit = SummitFactory(
        slug="paris-2016",
        name={"fr": "Sommet mondial du PGO", "en": "OGP Global Summit"},
        tagline={"en": "Co-creating open government"},
        start_date=dt.date(2016, 12, 7),
        end_date=dt.date(2016, 12, 9),
        languages=["fr", "en", "es"],
    )
    summit.venue = VenueFactory(summit=summit)
    summit.save(update_fields=["venue"])

    response = client.get("/api/v1/summits/paris-2016")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "paris-2016",
        "name": {"fr": "Sommet mondial du PGO", "en": "OGP Global Summit"},
        "tagline": {"fr": None, "en": "Co-creating open government"},
        "description": {"fr": None, "en": None},
        "start_date": "2016-12-07",
        "end_date": "2016-12-09",
        "city": "Paris",
        "country": "FR",
        "timezone": "Europe/Paris",
        "languages": ["fr", "en", "es"],
        "venue": {
            "name": {"fr": "Palais d'Iéna", "en": "Palais d'Iéna"},
            "address": "9 place d'Iéna",
            "city": "Paris",
            "country": "FR",
            "accessibility": {"fr": None, "en": None},
        },
        "is_published": True,
        "url": "http://testserver/en/paris-2016/",
        "events": "http://testserver/api/v1/summits/paris-2016/events",
    }


def test_unpublished_summit_is_not_found_for_an_anonymous_visitor(client, summit):
    summit.is_published = False
    summit.save(update_fields=["is_published"])

    response = client.get(f"/api/v1/summits/{summit.slug}")

    assert response.status_code == 404
    assert response.json() == {"detail": f"There is no summit “{summit.slug}” that you may see."}


def test_unpublished_summit_is_shown_to_its_organisers_token(client, summit, organiser_token):
    summit.is_published = False
    summit.save(update_fields=["is_published"])

    response = client.get(f"/api/v1/summits/{summit.slug}", headers=bearer(organiser_token))

    assert (response.status_code, response.json()["is_published"]) == (200, False)


def test_unpublished_summit_is_not_found_with_another_organisers_token(client, summit, other_token):
    summit.is_published = False
    summit.save(update_fields=["is_published"])

    response = client.get(f"/api/v1/summits/{summit.slug}", headers=bearer(other_token))

    assert response.status_code == 404
    assert response.json() == {"detail": f"There is no summit “{summit.slug}” that you may see."}


def test_unknown_summit_is_not_found(client):
    response = client.get("/api/v1/summits/atlantis")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no summit “atlantis” that you may see."}


@pytest.mark.parametrize("address", ["/api/v1/summits/a%00b", "/api/v1/summits/été!"])
def test_address_that_is_not_a_slug_is_not_an_endpoint(client, address):
    response = client.get(address)

    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is no API endpoint at this address. "
        "The documentation at /api/v1/docs lists them."
    }
