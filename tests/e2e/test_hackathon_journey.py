"""A registered participant builds a hackathon project and publishes it into the toolbox;
another participant rates the new card and adds it to a collection.

Both people get a session without the log-in form (`log_in`); everything else
goes through the pages, as a person would: links, forms, a file chooser for the
screenshot, buttons.
"""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from cosummit.hackathon.models import Challenge, HackathonSettings, Project, ProjectState, Team
from cosummit.toolbox.models import Card, CollectionItem, Rating
from tests.e2e.test_accessibility import blocking_violations
from tests.factories import UserFactory
from tests.hackathon.factories import (
    ChallengeFactory,
    CriterionFactory,
    JoinRequestFactory,
    JurorFactory,
    PrizeFactory,
    ProjectFactory,
    TeamFactory,
    register,
)
from tests.toolbox.factories import TagFactory

pytestmark = pytest.mark.e2e


def screenshot_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (10, 79, 158)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def hackathon(summit_site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    event = summit_site.events["hackathon"]
    HackathonSettings.objects.create(event=event, team_size_limit=4)
    ChallengeFactory(
        event=event,
        title={"fr": "Cartographier l'eau potable", "en": "Map drinking water"},
    )
    TagFactory(summit=summit_site.summit, slug="open-data", name={"en": "Open data"})
    return event


def test_a_team_submits_a_project_publishes_it_and_the_community_rates_and_collects_it(
    new_context, live_server, log_in, hackathon
):
    ada = UserFactory(name="Ada Builder", preferred_language="en")
    register(ada, hackathon)
    ben = UserFactory(name="Ben Reviewer", preferred_language="en")

    context = new_context()
    log_in(context, ada)
    page = context.new_page()
    page.goto("/en/ogp-paris/")
    page.locator(".hero").get_by_role("link", name="Hackathon", exact=True).click()
    page.get_by_role("main").get_by_role("link", name="Hackathon", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en/ogp-paris/hackathon/hackathon/")

    # Ada creates a team.
    page.get_by_role("main").get_by_role("link", name="Create a team").click()
    form = page.get_by_role("main").locator("form")
    form.get_by_label("Team name").fill("Open water")
    form.get_by_label("About the team").fill("We put water data on a map.")
    form.get_by_label("Skills wanted").fill("design, GIS")
    form.get_by_role("button", name="Create the team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open water")
    team = Team.objects.get()

    # She starts the project, picking the challenge it answers.
    page.get_by_role("link", name="Start the project").click()
    form = page.get_by_role("main").locator("form").first
    form.get_by_label("Project name").fill("Water point map")
    form.get_by_label("Description").fill("A **map** of drinking water points.")
    form.get_by_label("Challenge answered").select_option(label="Map drinking water")
    form.get_by_label("Source repository").fill("https://git.example.org/water-map")
    form.get_by_label("Demo").fill("https://water-map.example.org/")
    form.get_by_label("Licence").select_option("AGPL-3.0-or-later")
    form.get_by_role("button", name="Save the project").click()
    expect(page.get_by_role("status")).to_contain_text("The project was saved.")

    # A screenshot, then the submission.
    page.get_by_label(re.compile(r"^Screenshot:?$")).set_input_files(
        {"name": "map.png", "mimeType": "image/png", "buffer": screenshot_png()}
    )
    page.get_by_label("What it shows").fill("The map of water points")
    page.get_by_role("button", name="Add the screenshot").click()
    expect(page.get_by_role("img", name="The map of water points")).to_be_visible()
    page.get_by_role("button", name="Submit the project").click()
    expect(page.get_by_role("status")).to_contain_text("Your project is submitted")
    project = Project.objects.get()
    assert (project.team, project.state, project.challenge.title["en"]) == (
        team,
        ProjectState.SUBMITTED,
        "Map drinking water",
    )

    # She publishes it into the toolbox in one step.
    page.get_by_label("Open data").check()
    page.get_by_role("button", name="Publish in the toolbox").click()
    expect(page).to_have_url(f"{live_server.url}/en/ogp-paris/toolbox/cards/water-point-map/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Water point map")
    card = Card.objects.get()
    project.refresh_from_db()
    assert project.toolbox_card == card
    assert (card.created_by, card.licence, card.website) == (
        ada,
        "AGPL-3.0-or-later",
        "https://water-map.example.org/",
    )

    # The showcase links the project to its card.
    page.goto("/en/ogp-paris/hackathon/hackathon/projects/")
    showcase_card = page.get_by_role("article").filter(has_text="Water point map")
    expect(showcase_card.get_by_role("link", name="In the toolbox")).to_have_attribute(
        "href", "/en/ogp-paris/toolbox/cards/water-point-map/"
    )

    # Ben rates the card and adds it to a new collection.
    other = new_context()
    log_in(other, ben)
    ben_page = other.new_page()
    ben_page.goto("/en/ogp-paris/toolbox/cards/water-point-map/")
    ben_page.locator("fieldset.toolbox-stars").get_by_label("4", exact=True).check()
    ben_page.get_by_role("button", name="Rate", exact=True).click()
    expect(ben_page.get_by_role("status")).to_contain_text("Your rating was saved.")

    ben_page.get_by_role("link", name="Start a new collection").click()
    ben_page.get_by_label("Title").fill("Water tools")
    ben_page.get_by_role("main").locator("form").get_by_role("button").click()
    expect(ben_page.get_by_role("heading", level=1)).to_have_text("Water tools")
    ben_page.goto("/en/ogp-paris/toolbox/cards/water-point-map/")
    ben_page.get_by_label(re.compile(r"^Collection")).select_option(label="Water tools")
    ben_page.get_by_role("button", name="Add to the collection").click()
    expect(ben_page.get_by_role("status")).to_contain_text("Water tools")

    assert list(Rating.objects.values_list("user__name", "card", "score")) == [
        ("Ben Reviewer", card.pk, 4)
    ]
    assert list(CollectionItem.objects.values_list("collection__title", "card")) == [
        ("Water tools", card.pk)
    ]


def test_hackathon_pages_have_no_serious_accessibility_violation(
    new_context, log_in, hackathon, summit_site
):
    member = UserFactory(name="Mia Member", preferred_language="en")
    register(member, hackathon)
    team = TeamFactory(event=hackathon, name="Open water", members=[member])
    JoinRequestFactory(team=team, user=UserFactory(name="Pia Pending"))
    project = ProjectFactory(team=team, challenge=Challenge.objects.get())
    CriterionFactory(event=hackathon, name={"en": "Impact"})
    PrizeFactory(event=hackathon, project=project)
    juror = JurorFactory(event=hackathon, user=UserFactory(preferred_language="en")).user
    base = "/en/ogp-paris/hackathon/hackathon/"
    organise = "/en/organise/ogp-paris/hackathon/hackathon/"
    visits = {
        None: [base, f"{base}challenges/", f"{base}teams/", f"{base}projects/"],
        member: [
            f"{base}teams/{team.pk}/",
            f"{base}teams/{team.pk}/project/",
            f"{base}projects/{project.pk}/",
        ],
        juror: [f"{base}jury/", f"{base}jury/{project.pk}/"],
        summit_site.organiser: [
            organise,
            f"{organise}challenges/",
            f"{organise}criteria/",
            f"{organise}results/",
        ],
    }
    axe = Axe()
    found = {}
    for person, urls in visits.items():
        context = new_context()
        if person is not None:
            log_in(context, person)
        page = context.new_page()
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, url
            violations = blocking_violations(axe, page)
            if violations:
                found[url] = violations

    assert found == {}
