import pytest

from cosummit.toolbox.models import Card
from tests.factories import BlockFactory
from tests.toolbox.conftest import logged_in

pytestmark = pytest.mark.django_db


def url(card) -> str:
    return f"/en/{card.summit.slug}/toolbox/cards/{card.slug}/edit/"


def changes(**extra) -> dict:
    data = {
        "title_fr": "Outil de consultation",
        "title_en": "Public consultation tool",
        "description_fr": "",
        "description_en": "Annotate draft laws.",
        "licence": "MIT",
        "licence_other": "",
        "website": "",
        "repository": "https://git.example.org/consult",
        "languages": "en",
        "country": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("role", ["creator", "moderator", "organiser"])
def test_creator_moderators_and_organisers_edit_a_card(tool, request, role):
    response = logged_in(request.getfixturevalue(role)).post(url(tool), changes())

    tool.refresh_from_db()
    assert response.status_code == 302
    assert tool.title == {"fr": "Outil de consultation", "en": "Public consultation tool"}
    assert (tool.licence, tool.repository, tool.languages) == (
        "MIT",
        "https://git.example.org/consult",
        ["en"],
    )
    assert tool.search_text == "outil de consultation public consultation tool annotate draft laws."
    assert (tool.sort_title_fr, tool.sort_title_en) == (
        "outil de consultation",
        "public consultation tool",
    )


@pytest.mark.parametrize("role", ["participant", "unverified"])
def test_other_people_cannot_edit_a_card(tool, request, role):
    client = logged_in(request.getfixturevalue(role))

    assert client.get(url(tool)).status_code == 404
    assert client.post(url(tool), changes()).status_code == 404
    tool.refresh_from_db()
    assert tool.title["en"] == "Consultation tool"


def test_blocked_creator_cannot_edit_their_card(summit, tool, creator):
    BlockFactory(summit=summit, user=creator)

    assert logged_in(creator).post(url(tool), changes()).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, tool):
    assert client.get(url(tool)).status_code == 302


def test_bad_address_leaves_the_card_as_it_was(tool, creator):
    response = logged_in(creator).post(url(tool), changes(website="javascript:alert(1)"))

    assert response.status_code == 400
    assert response.context["form"].errors["website"] == ["Enter a valid URL."]
    assert Card.objects.get(pk=tool.pk).website == ""
    assert "Consultation tool" in response.text


def test_edit_form_shows_the_languages_on_one_line(tool, creator):
    tool.languages = ["fr", "en"]
    tool.save(update_fields=["languages"])

    response = logged_in(creator).get(url(tool))

    assert 'value="fr, en"' in response.text


def test_choosing_a_listed_licence_forgets_the_other_licence_name(tool, creator):
    from cosummit.toolbox.domain import update_card

    update_card(tool, by=creator, licence="other", licence_other="Licence ouverte")
    update_card(tool, by=creator, licence="MIT")

    tool.refresh_from_db()
    assert (tool.licence, tool.licence_other) == ("MIT", "")


def test_domain_refuses_edits_by_other_people(tool, participant):
    from django.core.exceptions import PermissionDenied

    from cosummit.toolbox.domain import update_card

    with pytest.raises(PermissionDenied):
        update_card(tool, by=participant, licence="MIT")
    tool.refresh_from_db()
    assert tool.licence == ""
