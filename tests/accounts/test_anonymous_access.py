import pytest

pytestmark = pytest.mark.django_db

PROFILE_PAGES = ["/profile/", "/profile/edit/", "/profile/data.json", "/profile/delete/"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("path", PROFILE_PAGES)
def test_anonymous_visitors_are_sent_to_log_in_first(client, language, path):
    response = client.get(f"/{language}{path}")

    assert (response.status_code, response["Location"]) == (
        302,
        f"/{language}/accounts/login/?next=/{language}{path}",
    )


@pytest.mark.parametrize("path", ["/profile/edit/", "/profile/delete/"])
def test_anonymous_posts_change_nothing_and_are_sent_to_log_in(client, path):
    response = client.post(f"/en{path}", {"name": "Intruder", "password": "x"})

    assert (response.status_code, response["Location"]) == (
        302,
        f"/en/accounts/login/?next=/en{path}",
    )
