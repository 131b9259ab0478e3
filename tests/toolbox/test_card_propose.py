import pytest

from cosummit.toolbox.models import Card, CardKind
from tests.toolbox.conftest import logged_in
from tests.toolbox.factories import CardFactory, TagFactory

pytestmark = pytest.mark.django_db


def url(summit) -> str:
    return f"/en/{summit.slug}/toolbox/propose/"


def valid(**changes) -> dict:
    data = {
        "kind": "tool",
        "title_fr": "Plateforme de pétitions",
        "title_en": "Petition platform",
        "description_fr": "Pour **déposer** des pétitions.",
        "description_en": "",
        "licence": "AGPL-3.0-or-later",
        "licence_other": "",
        "website": "https://petitions.example.org/",
        "repository": "",
        "languages": "fr, en, es",
        "country": "",
    }
    data.update(changes)
    return data


def test_participant_proposes_a_card_that_is_public_at_once(client, summit, participant):
    theme = TagFactory(summit=summit, slug="participation")

    response = logged_in(participant).post(url(summit), valid(tags=[theme.pk]))

    card = Card.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/{summit.slug}/toolbox/cards/plateforme-de-petitions/"
    assert (card.kind, card.title, card.created_by) == (
        "tool",
        {"fr": "Plateforme de pétitions", "en": "Petition platform"},
        participant,
    )
    assert card.languages == ["fr", "en", "es"]
    assert card.languages_key == ",fr,en,es,"
    assert (
        card.search_text
        == "plateforme de petitions petition platform pour **deposer** des petitions."
    )
    assert list(card.tags.all()) == [theme]
    assert client.get(response["Location"]).status_code == 200


def test_card_short_names_are_numbered_when_taken(summit, participant):
    CardFactory(summit=summit, slug="plateforme-de-petitions")

    logged_in(participant).post(url(summit), valid())

    assert Card.objects.latest("pk").slug == "plateforme-de-petitions-2"


def test_anonymous_visitor_is_sent_to_log_in(client, summit):
    response = client.get(url(summit))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize(
    ("person", "message"),
    [
        ("unverified", "Verify your e-mail address first"),
        ("blocked", "The moderators have blocked your account from writing in this toolbox."),
    ],
)
def test_unverified_and_blocked_people_cannot_propose(summit, request, person, message):
    client = logged_in(request.getfixturevalue(person))

    for response in (client.get(url(summit)), client.post(url(summit), valid())):
        assert response.status_code == 403
        assert message in response.text
    assert Card.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"website": "not an address"}, "website", "Enter a valid URL."),
        ({"repository": "ftp:/x"}, "repository", "Enter a valid URL."),
        (
            {"licence": "WTFPL"},
            "licence",
            "Select a valid choice. WTFPL is not one of the available choices.",
        ),
        ({"licence": "other"}, "licence_other", "Name the licence."),
        ({"country": "FR"}, "country", "Only organisations have a country."),
        (
            {"languages": "fr, klingon"},
            "languages",
            "“klingon” is not a language code. Write codes such as fr, en.",
        ),
        ({"title_fr": "", "title_en": ""}, "title", "Fill this in, in at least one language."),
        (
            {"kind": "robot"},
            "kind",
            "Select a valid choice. robot is not one of the available choices.",
        ),
        (
            {"title_en": "x" * 201},
            "title",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_written(
    summit, participant, changes, field, message
):
    response = logged_in(participant).post(url(summit), valid(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Card.objects.count() == 0


def test_organisation_may_have_a_country_and_another_licence(summit, participant):
    response = logged_in(participant).post(
        url(summit),
        valid(kind="organisation", country="SN", licence="other", licence_other="Licence ouverte"),
    )

    card = Card.objects.get()
    assert response.status_code == 302
    assert (card.kind, card.country.code, card.licence_label) == (
        CardKind.ORGANISATION,
        "SN",
        "Licence ouverte",
    )


def test_themes_of_another_summit_cannot_be_chosen(summit, participant):
    TagFactory(summit=summit)
    foreign = TagFactory()

    response = logged_in(participant).post(url(summit), valid(tags=[foreign.pk]))

    assert response.status_code == 400
    assert Card.objects.count() == 0
