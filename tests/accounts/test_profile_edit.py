import pytest
from django.conf import settings

from cosummit.accounts.models import User
from tests.accounts.html import main_of, unlabelled_inputs
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ana Lima",
    "organisation": "Transparência Brasil",
    "organisation_type": "civil_society",
    "country": "BR",
    "preferred_language": "fr",
    "bio": "Open contracting and public procurement.",
}


def profile_of(user: User) -> dict:
    user = User.objects.get(pk=user.pk)
    return {
        "name": user.name,
        "organisation": user.organisation,
        "organisation_type": user.organisation_type,
        "country": user.country.code,
        "preferred_language": user.preferred_language,
        "bio": user.bio,
    }


def test_edit_form_starts_from_the_current_profile(client):
    user = UserFactory(name="Ana Lima", country="BR", organisation_type="academia")
    client.force_login(user)

    response = client.get("/en/profile/edit/")

    assert response.context["form"].initial == {
        "name": "Ana Lima",
        "organisation": "Open Data Collective",
        "organisation_type": "academia",
        "country": "BR",
        "preferred_language": "fr",
        "bio": "",
    }
    assert unlabelled_inputs(main_of(response.text)) == []


def test_saving_the_profile_changes_it_and_goes_back_to_the_profile(client):
    user = UserFactory(preferred_language="fr")
    client.force_login(user)

    response = client.post("/fr/profile/edit/", VALID)

    assert (response.status_code, response["Location"]) == (302, "/fr/profile/")
    assert profile_of(user) == VALID


def test_choosing_another_language_switches_the_site_to_it(client):
    user = UserFactory(preferred_language="fr")
    client.force_login(user)

    response = client.post("/fr/profile/edit/", {**VALID, "preferred_language": "en"})

    assert (response.status_code, response["Location"]) == (302, "/en/profile/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(response["Location"])
    assert '<html lang="en">' in page.text
    assert [str(message) for message in page.context["messages"]] == ["Your profile is saved."]


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        (
            "country",
            "XX",
            "Select a valid choice. XX is not one of the available choices.",
        ),
        (
            "bio",
            "b" * 1001,
            "Ensure this value has at most 1000 characters (it has 1001).",
        ),
        (
            "organisation_type",
            "lobby",
            "Select a valid choice. lobby is not one of the available choices.",
        ),
        ("preferred_language", "", "This field is required."),
        ("name", "", "This field is required."),
    ],
)
def test_bad_input_shows_an_error_on_its_field_and_changes_nothing(client, field, value, error):
    user = UserFactory()
    before = profile_of(user)
    client.force_login(user)

    response = client.post("/en/profile/edit/", {**VALID, field: value})

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert f'<ul class="errorlist" id="id_{field}_error"><li>' in response.text
    assert (
        '<p class="form-errors errorlist" role="alert">'
        "Some fields need correcting: see the messages below.</p>" in response.text
    )
    assert profile_of(user) == before


def test_bad_input_errors_are_translated_on_french_pages(client):
    client.force_login(UserFactory())

    response = client.post("/fr/profile/edit/", {**VALID, "country": "XX"})

    assert response.context["form"].errors == {
        "country": ["Sélectionnez un choix valide. XX n’en fait pas partie."]
    }
