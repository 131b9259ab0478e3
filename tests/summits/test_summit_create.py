"""Creating a summit: for the platform's staff, who become its first organiser."""

import datetime as dt

import pytest

from cosummit.summits.models import Role, Summit, TeamMembership
from tests.factories import SummitFactory, UserFactory

from .factories_extra import shown_messages, summit_data, translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    person = UserFactory(is_staff=True)
    client.force_login(person)
    return person


def test_staff_create_a_draft_summit_and_become_its_organiser(client, staff):
    response = client.post("/en/organise/new/", summit_data(), follow=True)
    summit = Summit.objects.get(slug="ogp-paris-2016")
    assert response.redirect_chain == [("/en/organise/ogp-paris-2016/", 302)]
    assert (summit.name, summit.start_date, summit.end_date) == (
        {"fr": "Sommet mondial du PGO", "en": "OGP Global Summit"},
        dt.date(2016, 12, 7),
        dt.date(2016, 12, 9),
    )
    assert (summit.city, summit.country.code, summit.timezone) == ("Paris", "FR", "Europe/Paris")
    assert (summit.languages, summit.is_published) == (["fr", "en", "es"], False)
    assert list(summit.team.values_list("user", "role")) == [(staff.pk, Role.ORGANISER)]
    assert shown_messages(response) == [
        "The summit “OGP Global Summit” was created, not published yet. You are its organiser."
    ]


def test_the_creation_form_has_one_input_per_language_for_translated_fields(client, staff):
    response = client.get("/en/organise/new/")
    assert "<legend>Name:</legend>" in response.text
    assert '<label for="id_name_fr">French</label>' in response.text
    assert '<label for="id_name_en">English</label>' in response.text
    assert "venue" not in response.context["form"].fields


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        (translated("name"), "name", "Fill this in, in at least one language."),
        ({"slug": "taken"}, "slug", "Another summit already uses this short name."),
        ({"slug": "new"}, "slug", "This short name is reserved; choose another one."),
        ({"slug": "organise"}, "slug", "This short name is reserved; choose another one."),
        ({"slug": "not a slug"}, "slug", None),
        ({"end_date": "2016-12-06"}, "end_date", "The last day cannot be before the first day."),
        ({"start_date": "someday"}, "start_date", "Enter a valid date."),
        ({"timezone": "Mars/Olympus"}, "timezone", None),
        (
            {"languages": "fr, English"},
            "languages",
            "“english” is not a language code. Write codes such as fr, en, es.",
        ),
        ({"country": "XX"}, "country", None),
    ],
)
def test_bad_input_creates_nothing_and_says_what_is_wrong(client, staff, change, field, error):
    SummitFactory(slug="taken")
    response = client.post("/en/organise/new/", summit_data(**change))
    assert response.status_code == 200
    assert Summit.objects.count() == 1
    assert TeamMembership.objects.count() == 0
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if error is not None:
        assert errors[field] == [error]


@pytest.mark.parametrize("kind", ["organiser", "participant"])
def test_people_who_are_not_staff_cannot_create_a_summit(client, summit, organiser, kind):
    person = organiser if kind == "organiser" else UserFactory()
    client.force_login(person)
    assert client.get("/en/organise/new/").status_code == 404
    assert client.post("/en/organise/new/", summit_data()).status_code == 404
    assert list(Summit.objects.all()) == [summit]


def test_the_french_form_reads_the_same_dates(client, staff):
    response = client.post("/fr/organise/new/", summit_data(), follow=True)
    summit = Summit.objects.get()
    assert (summit.start_date, summit.end_date) == (dt.date(2016, 12, 7), dt.date(2016, 12, 9))
    assert response.redirect_chain == [("/fr/organise/ogp-paris-2016/", 302)]
    assert '<html lang="fr">' in response.text
