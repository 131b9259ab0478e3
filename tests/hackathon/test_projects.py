"""Projects: one per team, edited by its members until the deadline, then in the showcase."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cosummit.hackathon.models import (
    SCREENSHOT_MAX_BYTES,
    ChallengeState,
    HackathonSettings,
    Project,
    ProjectState,
    Screenshot,
)
from tests.hackathon.conftest import base, logged_in, png
from tests.hackathon.factories import (
    ChallengeFactory,
    PrizeFactory,
    ProjectFactory,
    TeamFactory,
)

PROJECT = {
    "title": "Fountain map",
    "description": "A **map** of the city's drinking fountains.",
    "language": "en",
    "repository_url": "https://git.example.org/fountains",
    "demo_url": "https://fountains.example.org/",
    "licence": "AGPL-3.0-or-later",
}


def edit_url(team) -> str:
    return f"{base(team.event)}teams/{team.pk}/project/"


def close(event) -> None:
    HackathonSettings.objects.filter(event=event).update(
        submission_deadline=timezone.now() - dt.timedelta(minutes=1)
    )


def upload(content: bytes, name: str = "shot.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_a_member_starts_the_project_answering_a_challenge(team, member, challenge):
    response = logged_in(member).post(edit_url(team), PROJECT | {"challenge": challenge.pk})

    project = Project.objects.get()
    assert response.status_code == 302
    assert (project.team, project.event, project.challenge, project.state) == (
        team,
        team.event,
        challenge,
        ProjectState.DRAFT,
    )
    assert (project.title, project.licence, project.demo_url) == (
        "Fountain map",
        "AGPL-3.0-or-later",
        "https://fountains.example.org/",
    )


def test_the_form_offers_published_challenges_only(team, member, challenge):
    ChallengeFactory(event=team.event, state=ChallengeState.PENDING)

    response = logged_in(member).get(edit_url(team))

    assert list(response.context["form"].fields["challenge"].queryset) == [challenge]
    assert response.context["form"].initial["title"] == "Fountain finders"


@pytest.mark.parametrize("person", ["registered", "other_member", "juror", "organiser"])
def test_only_the_team_edits_its_project(request, team, person):
    client = logged_in(request.getfixturevalue(person))

    assert client.get(edit_url(team)).status_code == 404
    assert client.post(edit_url(team), PROJECT).status_code == 404
    assert Project.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, team):
    response = client.post(edit_url(team), PROJECT)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"repository_url": "git example org"}, "repository_url", "Enter a valid URL."),
        ({"demo_url": "javascript:alert(1)"}, "demo_url", "Enter a valid URL."),
        ({"title": ""}, "title", "This field is required."),
        (
            {"licence": "other"},
            "licence",
            "Select a valid choice. other is not one of the available choices.",
        ),
        (
            {"language": "xx"},
            "language",
            "Select a valid choice. xx is not one of the available choices.",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(team, member, changes, field, error):
    response = logged_in(member).post(edit_url(team), PROJECT | changes)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    assert Project.objects.count() == 0


def test_a_challenge_waiting_for_approval_cannot_be_chosen(team, member):
    pending = ChallengeFactory(event=team.event, state=ChallengeState.PENDING)

    response = logged_in(member).post(edit_url(team), PROJECT | {"challenge": pending.pk})

    assert response.status_code == 400
    assert Project.objects.count() == 0


def test_nothing_changes_after_the_deadline(team, member):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT, title="Before")
    close(team.event)

    response = logged_in(member).post(edit_url(team), PROJECT)

    assert response.status_code == 400
    assert "The submission deadline has passed" in response.text
    project.refresh_from_db()
    assert project.title == "Before"
    page = logged_in(member).get(edit_url(team))
    assert 'action="' + edit_url(team) + '"' not in page.text


def test_a_member_submits_the_project(team, member, challenge):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT, challenge=challenge)

    response = logged_in(member).post(f"{edit_url(team)}submit/")

    assert response.status_code == 302
    assert response["Location"] == f"{base(team.event)}projects/{project.pk}/"
    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED
    assert project.submitted_at is not None


def test_submitting_needs_a_description_and_a_challenge_when_there_are_some(
    team, member, challenge
):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT, description="", challenge=None)

    response = logged_in(member).post(f"{edit_url(team)}submit/")

    assert response.status_code == 400
    assert (
        "Before submitting the project, describe the project and choose the challenge it "
        "answers." in response.text
    )
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


def test_without_published_challenges_a_project_is_submitted_without_one(team, member):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT, challenge=None)

    logged_in(member).post(f"{edit_url(team)}submit/")

    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED


def test_no_submission_after_the_deadline(team, member, challenge):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT, challenge=challenge)
    close(team.event)

    response = logged_in(member).post(f"{edit_url(team)}submit/")

    assert response.status_code == 400
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


def test_a_submitted_project_stays_submitted_while_its_team_edits_it(team, member):
    project = ProjectFactory(team=team)

    logged_in(member).post(edit_url(team), PROJECT | {"title": "Fountain map 2"})

    project.refresh_from_db()
    assert (project.title, project.state) == ("Fountain map 2", ProjectState.SUBMITTED)


def test_other_teams_cannot_submit_a_project(team, other_member):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT)

    response = logged_in(other_member).post(f"{edit_url(team)}submit/")

    assert response.status_code == 404
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


# Screenshots.


def test_a_member_adds_a_screenshot_stored_under_media_root(team, member, settings):
    project = ProjectFactory(team=team)

    response = logged_in(member).post(
        f"{edit_url(team)}screenshots/",
        {"image": upload(png(64, 48), "../../evil name.png"), "alt_text": "The map"},
    )

    assert response.status_code == 302
    screenshot = Screenshot.objects.get()
    assert (screenshot.project, screenshot.alt_text, screenshot.width, screenshot.height) == (
        project,
        "The map",
        64,
        48,
    )
    assert screenshot.image.name.startswith(f"hackathon/{team.event_id}/screenshots/")
    assert screenshot.image.name.endswith(".png")
    assert "evil" not in screenshot.image.name
    assert (settings.MEDIA_ROOT / screenshot.image.name).read_bytes() == png(64, 48)


def test_a_jpeg_keeps_its_own_extension_whatever_its_name(team, member):
    ProjectFactory(team=team)

    logged_in(member).post(
        f"{edit_url(team)}screenshots/",
        {"image": upload(png(image_format="JPEG"), "photo.png"), "alt_text": "A photo"},
    )

    assert Screenshot.objects.get().image.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"not an image at all", "Upload a PNG, JPEG or WebP image."),
        (png(image_format="GIF"), "Upload a PNG, JPEG or WebP image."),
        (png(8001, 1), "Keep screenshots under 8000 pixels wide and high."),
        (
            b"\x89PNG" + b"0" * SCREENSHOT_MAX_BYTES,
            "This file is 2.0\xa0MB: keep screenshots under 2.0\xa0MB.",
        ),
    ],
)
def test_an_invalid_or_oversized_image_is_refused(team, member, settings, content, error):
    ProjectFactory(team=team)

    response = logged_in(member).post(
        f"{edit_url(team)}screenshots/", {"image": upload(content), "alt_text": "Bad"}
    )

    assert response.status_code == 400
    [message] = response.context["screenshot_form"].errors["image"]
    assert message.startswith(error)
    assert Screenshot.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "hackathon").exists()


def test_a_screenshot_needs_a_description(team, member):
    ProjectFactory(team=team)

    response = logged_in(member).post(
        f"{edit_url(team)}screenshots/", {"image": upload(png()), "alt_text": " "}
    )

    assert response.status_code == 400
    assert response.context["screenshot_form"].errors["alt_text"] == ["This field is required."]
    assert Screenshot.objects.count() == 0


def test_a_project_has_at_most_six_screenshots(team, member):
    project = ProjectFactory(team=team)
    client = logged_in(member)
    for number in range(6):
        client.post(
            f"{edit_url(team)}screenshots/",
            {"image": upload(png()), "alt_text": f"Screen {number}"},
        )

    response = client.post(
        f"{edit_url(team)}screenshots/", {"image": upload(png()), "alt_text": "One too many"}
    )

    assert response.status_code == 400
    assert "A project has at most 6 screenshots: remove one first." in response.text
    assert project.screenshots.count() == 6


def test_screenshots_need_a_saved_project(team, member):
    response = logged_in(member).post(
        f"{edit_url(team)}screenshots/", {"image": upload(png()), "alt_text": "The map"}
    )

    assert response.status_code == 400
    assert Screenshot.objects.count() == 0


def test_other_teams_cannot_add_screenshots(team, other_member):
    ProjectFactory(team=team)

    response = logged_in(other_member).post(
        f"{edit_url(team)}screenshots/", {"image": upload(png()), "alt_text": "Intruder"}
    )

    assert response.status_code == 404
    assert Screenshot.objects.count() == 0


def test_a_member_removes_a_screenshot_and_its_file(
    team, member, settings, django_capture_on_commit_callbacks
):
    ProjectFactory(team=team)
    client = logged_in(member)
    client.post(f"{edit_url(team)}screenshots/", {"image": upload(png()), "alt_text": "Map"})
    screenshot = Screenshot.objects.get()
    path = settings.MEDIA_ROOT / screenshot.image.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{edit_url(team)}screenshots/{screenshot.pk}/remove/")

    assert response.status_code == 302
    assert Screenshot.objects.count() == 0
    assert not path.exists()


# Public pages.


def test_a_draft_is_seen_by_its_team_and_the_organisers_only(
    client, team, member, other_member, organiser
):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT)
    url = f"{base(team.event)}projects/{project.pk}/"

    assert client.get(url).status_code == 404
    assert logged_in(other_member).get(url).status_code == 404
    assert logged_in(member).get(url).status_code == 200
    assert logged_in(organiser).get(url).status_code == 200


def test_a_submitted_project_shows_its_team_challenge_links_and_screenshots(
    client, team, member, challenge
):
    project = ProjectFactory(team=team, challenge=challenge)
    Screenshot.objects.create(
        project=project, image=upload(png(), "s.png"), alt_text="The fountain map"
    )

    response = client.get(f"{base(team.event)}projects/{project.pk}/")

    assert response.status_code == 200
    assert "A <strong>map</strong> of drinking fountains." in response.text
    assert "Mia Member" in response.text
    assert challenge.title["en"] in response.text
    assert 'href="https://git.example.org/fountains"' in response.text
    assert 'alt="The fountain map"' in response.text


def test_the_showcase_lists_submitted_projects_only(client, hackathon, team, other_team):
    submitted = ProjectFactory(team=team)
    ProjectFactory(team=other_team, state=ProjectState.DRAFT)

    response = client.get(f"{base(hackathon)}projects/")

    assert response.context["projects"] == [submitted]


@pytest.mark.parametrize("count", [1, 3])
def test_the_showcase_makes_a_constant_number_of_queries(
    client, hackathon, challenge, django_assert_num_queries, count
):
    for _number in range(count):
        project = ProjectFactory(team=TeamFactory(event=hackathon), challenge=challenge)
        Screenshot.objects.create(project=project, image=upload(png(), "s.png"), alt_text="Map")
        PrizeFactory(event=hackathon, project=project)

    # The summit, the event with its settings, the projects with their team,
    # challenge and card, their screenshots, their prizes.
    with django_assert_num_queries(5):
        response = client.get(f"{base(hackathon)}projects/")

    assert len(response.context["projects"]) == count
    assert response.text.count('class="card hackathon-project"') == count
