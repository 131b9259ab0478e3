"""Publishing a submitted project into the toolbox, in one step, by a member of its team."""

import pytest

from cosummit.hackathon.models import ProjectState
from cosummit.toolbox.models import Card, CardKind
from tests.factories import BlockFactory
from tests.hackathon.conftest import base, logged_in
from tests.hackathon.factories import ProjectFactory
from tests.toolbox.factories import TagFactory


def publish_url(project) -> str:
    return f"{base(project.event)}teams/{project.team_id}/project/publish/"


def test_a_member_publishes_the_project_as_a_tool_card(team, member, challenge):
    project = ProjectFactory(team=team, challenge=challenge, title="Fountain map")
    theme = TagFactory(summit=team.event.summit, slug="open-data")
    TagFactory(summit=team.event.summit, slug="budget")

    response = logged_in(member).post(publish_url(project), {"tags": [theme.pk]})

    card = Card.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/{team.event.summit.slug}/toolbox/cards/fountain-map/"
    assert (card.kind, card.summit, card.created_by, card.licence) == (
        CardKind.TOOL,
        team.event.summit,
        member,
        "MIT",
    )
    assert (card.website, card.repository) == (
        "https://fountains.example.org/",
        "https://git.example.org/fountains",
    )
    assert dict(card.title) == {"en": "Fountain map"}
    assert dict(card.description) == {
        "en": "A **map** of drinking fountains.\n\n"
        f"Made by the team “Fountain finders” at {team.event.title['en']}."
    }
    assert list(card.tags.all()) == [theme]
    project.refresh_from_db()
    assert project.toolbox_card == card


def test_the_credit_line_is_written_in_the_projects_language(team, member):
    project = ProjectFactory(team=team, language="fr", description="Une carte.")

    logged_in(member).post(publish_url(project), {})

    assert Card.objects.get().description["fr"].startswith("Une carte.\n\n")


def test_the_project_page_links_to_its_card_and_offers_no_second_publication(client, team, member):
    project = ProjectFactory(team=team)
    logged_in(member).post(publish_url(project), {})

    public = client.get(f"{base(team.event)}projects/{project.pk}/")
    mine = logged_in(member).get(f"{base(team.event)}projects/{project.pk}/")

    card_url = Card.objects.get().get_absolute_url()
    assert f'href="{card_url}"' in public.text
    assert mine.context["can_publish"] is False
    assert publish_url(project) not in mine.text


def test_only_members_see_the_publish_button(team, member, other_member):
    project = ProjectFactory(team=team)
    url = f"{base(team.event)}projects/{project.pk}/"

    assert publish_url(project) in logged_in(member).get(url).text
    assert publish_url(project) not in logged_in(other_member).get(url).text


def test_publishing_twice_is_refused(team, member):
    project = ProjectFactory(team=team)
    client = logged_in(member)
    client.post(publish_url(project), {})

    response = client.post(publish_url(project), {})

    assert response.status_code == 400
    assert "This project is already in the toolbox." in response.text
    assert Card.objects.count() == 1


def test_a_draft_is_not_published(team, member):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT)

    response = logged_in(member).post(publish_url(project), {})

    assert response.status_code == 400
    assert "Submit the project before publishing it in the toolbox." in response.text
    assert Card.objects.count() == 0


@pytest.mark.parametrize("person", ["other_member", "registered", "juror", "organiser"])
def test_only_the_team_publishes_its_project(request, team, person):
    project = ProjectFactory(team=team)

    response = logged_in(request.getfixturevalue(person)).post(publish_url(project), {})

    assert response.status_code == 404
    assert Card.objects.count() == 0


def test_a_member_blocked_from_the_toolbox_cannot_publish(team, member):
    project = ProjectFactory(team=team)
    BlockFactory(summit=team.event.summit, user=member)

    response = logged_in(member).post(publish_url(project), {})

    assert response.status_code == 403
    assert "Only signed-in people with a verified e-mail address may do this." in response.text
    assert Card.objects.count() == 0
    project.refresh_from_db()
    assert project.toolbox_card is None


def test_an_unknown_theme_is_refused(team, member):
    project = ProjectFactory(team=team)
    other_summit_theme = TagFactory()

    response = logged_in(member).post(publish_url(project), {"tags": [other_summit_theme.pk]})

    assert response.status_code == 400
    assert response.context["publish_form"].errors["tags"] == [
        f"Select a valid choice. {other_summit_theme.pk} is not one of the available choices."
    ]
    assert Card.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, team):
    project = ProjectFactory(team=team)

    response = client.post(publish_url(project), {})

    assert response.status_code == 302
    assert Card.objects.count() == 0
