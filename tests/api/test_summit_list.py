import datetime as dt

import pytest

from tests.api.helpers import bearer
from tests.factories import SummitFactory

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return [summit["slug"] for summit in response.json()["items"]]


def test_anonymous_visitor_lists_published_summits_newest_first(client):
    SummitFactory(slug="paris-2016", start_date=dt.date(2016, 12, 7), end_date=dt.date(2016, 12, 9))
    SummitFactory(
        slug="mexico-2015", start_date=dt.date(2015, 10, 28), end_date=dt.date(2015, 10, 29)
    )
    SummitFactory(slug="draft-2018", is_published=False)

    response = client.get("/api/v1/summits")

    assert response.status_code == 200
    assert slugs(response) == ["paris-2016", "mexico-2015"]
    assert response.json()["count"] == 2


def test_organiser_token_also_lists_the_unpublished_summit_they_organise(
    client, summit, organiser_token
):
    summit.is_published = False
    summit.save(update_fields=["is_published"])
    SummitFactory(slug="someone-elses-draft", is_published=False)

    response = client.get("/api/v1/summits", headers=bearer(organiser_token))

    assert slugs(response) == [summit.slug]


def test_token_of_another_summits_organiser_does_not_list_this_draft(
    client, summit, other_token, other_team_member
):
    summit.is_published = False
    summit.save(update_fields=["is_published"])

    response = client.get("/api/v1/summits", headers=bearer(other_token))

    assert summit.slug not in slugs(response)
    assert response.json()["count"] == 1  # only the published summit the other person organises


def test_invalid_token_is_refused_even_for_public_data(client, summit):
    response = client.get("/api/v1/summits", headers=bearer("cs_not-a-real-token"))

    assert response.status_code == 401
    assert response.json() == {
        "detail": "This API token is not valid: it may have been revoked. "
        "Create a new one on your API tokens page."
    }


def test_list_is_paginated_with_links_to_the_neighbouring_pages(client):
    for year in (2013, 2014, 2015):
        SummitFactory(
            slug=f"summit-{year}",
            start_date=dt.date(year, 10, 1),
            end_date=dt.date(year, 10, 2),
        )

    response = client.get("/api/v1/summits", {"limit": 1, "offset": 1})

    assert response.json() | {"items": None} == {
        "count": 3,
        "limit": 1,
        "offset": 1,
        "next": "http://testserver/api/v1/summits?limit=1&offset=2",
        "previous": "http://testserver/api/v1/summits?limit=1&offset=0",
        "items": None,
    }
    assert slugs(response) == ["summit-2014"]


def test_limit_above_the_maximum_is_refused_with_a_clear_message(client, summit):
    response = client.get("/api/v1/summits", {"limit": 101})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "“limit” is not valid: Input should be less than or equal to 100.",
        "errors": [
            {
                "location": "query",
                "field": "limit",
                "message": "Input should be less than or equal to 100",
            }
        ],
    }


@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "organiser token"])
def test_summit_list_makes_a_constant_number_of_queries(
    client, summit, organiser_token, django_assert_num_queries, with_token
):
    headers = bearer(organiser_token) if with_token else {}
    client.get("/api/v1/summits", headers=headers)  # The token notes its first use.
    # A token costs one query to find it; the list costs a count and a page.
    expected = 3 if with_token else 2
    with django_assert_num_queries(expected):
        assert len(client.get("/api/v1/summits", headers=headers).json()["items"]) == 1
    SummitFactory.create_batch(2)
    with django_assert_num_queries(expected):
        assert len(client.get("/api/v1/summits", headers=headers).json()["items"]) == 3
