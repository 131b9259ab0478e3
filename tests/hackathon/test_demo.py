"""The demo hackathon, built on the demo summit."""

import pytest

from cosummit.hackathon.demo import build_demo_hackathon
from cosummit.hackathon.models import (
    Challenge,
    ChallengeState,
    Criterion,
    HackathonSettings,
    Juror,
    Prize,
    Project,
    ProjectState,
    Team,
    TeamMember,
)
from cosummit.hackathon.queries import can_take_part
from cosummit.summits.demo import build_demo
from tests.hackathon.conftest import base, logged_in

pytestmark = pytest.mark.django_db


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (
            HackathonSettings,
            Challenge,
            Criterion,
            Prize,
            Juror,
            Team,
            TeamMember,
            Project,
        )
    )


def test_the_demo_hackathon_has_challenges_a_jury_prizes_and_a_submitted_project():
    summit = build_demo().summit

    event = build_demo_hackathon(summit)

    assert event.slug == "hackathon"
    assert counts() == (1, 4, 3, 2, 1, 1, 1, 1)
    assert list(Challenge.objects.values_list("state", flat=True)) == [
        ChallengeState.APPROVED,
        ChallengeState.APPROVED,
        ChallengeState.APPROVED,
        ChallengeState.PENDING,
    ]
    assert Juror.objects.get().user.email == "reviewer@demo.cosummit.example"
    project = Project.objects.get()
    assert (project.state, project.challenge.title["en"]) == (
        ProjectState.SUBMITTED,
        "Map drinking water points",
    )
    member = TeamMember.objects.get().user
    assert can_take_part(member, event) is True


def test_running_the_demo_hackathon_twice_duplicates_nothing():
    summit = build_demo().summit
    build_demo_hackathon(summit)

    build_demo_hackathon(summit)

    assert counts() == (1, 4, 3, 2, 1, 1, 1, 1)


def test_the_demo_pages_answer(client):
    summit = build_demo().summit
    event = build_demo_hackathon(summit)
    reviewer = Juror.objects.get().user

    for url in ("", "challenges/", "teams/", "projects/"):
        assert client.get(f"{base(event)}{url}").status_code == 200
    assert logged_in(reviewer).get(f"{base(event)}jury/").status_code == 200
