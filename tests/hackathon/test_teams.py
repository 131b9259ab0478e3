"""Teams: created and joined by people with a confirmed registration, up to a size limit."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.hackathon.models import HackathonSettings, JoinRequest, Team, TeamMember
from cosummit.registration.models import Status
from tests.factories import EventFactory, UserFactory
from tests.hackathon.conftest import base, logged_in
from tests.hackathon.factories import JoinRequestFactory, ProjectFactory, TeamFactory, register
from tests.registration.factories import RegistrationFactory

TEAM = {"name": "Open water", "description": "We free water data.", "skills_wanted": "design, GIS"}


def close(event) -> None:
    HackathonSettings.objects.filter(event=event).update(
        submission_deadline=timezone.now() - dt.timedelta(hours=1)
    )


def members_of(team) -> list[str]:
    return list(TeamMember.objects.filter(team=team).values_list("user__name", flat=True))


# Creating a team.


def test_a_registered_person_creates_a_team_and_is_its_first_member(hackathon, registered):
    response = logged_in(registered).post(f"{base(hackathon)}teams/new/", TEAM)

    team = Team.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{base(hackathon)}teams/{team.pk}/"
    assert (team.name, team.description, team.skills_wanted, team.created_by) == (
        "Open water",
        "We free water data.",
        ["design", "GIS"],
        registered,
    )
    assert members_of(team) == ["Ada Registered"]


def test_anonymous_visitors_are_sent_to_log_in(client, hackathon):
    response = client.post(f"{base(hackathon)}teams/new/", TEAM)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert Team.objects.count() == 0


def test_an_unverified_person_is_asked_to_verify_their_address(hackathon, unverified):
    register(unverified, hackathon)

    response = logged_in(unverified).post(f"{base(hackathon)}teams/new/", TEAM)

    assert response.status_code == 403
    assert "Verify your e-mail address first" in response.text
    assert Team.objects.count() == 0


@pytest.mark.parametrize("person", ["unregistered", "waiting"])
def test_without_a_confirmed_registration_a_person_is_sent_to_register(request, hackathon, person):
    client = logged_in(request.getfixturevalue(person))

    for response in (
        client.get(f"{base(hackathon)}teams/new/"),
        client.post(f"{base(hackathon)}teams/new/", TEAM),
    ):
        assert response.status_code == 403
        assert (
            "Only people with a confirmed registration for this hackathon can create or join "
            "a team." in response.text
        )
        assert f'href="/en/{hackathon.summit.slug}/events/hackathon/register/"' in response.text
    assert Team.objects.count() == 0


def test_a_registration_for_another_event_does_not_count(hackathon, unregistered):
    register(unregistered, EventFactory(summit=hackathon.summit))

    response = logged_in(unregistered).post(f"{base(hackathon)}teams/new/", TEAM)

    assert response.status_code == 403
    assert Team.objects.count() == 0


def test_a_registration_made_as_a_guest_with_the_same_address_counts(hackathon, unregistered):
    register(unregistered, hackathon).delete()
    RegistrationFactory(event=hackathon, email=unregistered.email, user=None)

    response = logged_in(unregistered).post(f"{base(hackathon)}teams/new/", TEAM)

    assert response.status_code == 302
    assert Team.objects.count() == 1


def test_a_person_already_in_a_team_cannot_create_a_second_one(hackathon, team, member):
    response = logged_in(member).post(f"{base(hackathon)}teams/new/", TEAM)

    assert response.status_code == 400
    assert "You are already in a team at this hackathon" in response.text
    assert list(Team.objects.all()) == [team]


def test_no_team_is_created_after_the_deadline(hackathon, registered):
    close(hackathon)

    response = logged_in(registered).post(f"{base(hackathon)}teams/new/", TEAM)

    assert response.status_code == 400
    assert "The submission deadline has passed" in response.text
    assert Team.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"name": "fountain FINDERS"}, "name", "Another team of this hackathon has this name."),
        ({"name": ""}, "name", "This field is required."),
        (
            {"skills_wanted": ", ".join(f"skill {n}" for n in range(13))},
            "skills_wanted",
            "List at most 12 skills.",
        ),
        ({"skills_wanted": "x" * 41}, "skills_wanted", "Keep each skill under 40 characters."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    hackathon, team, registered, changes, field, error
):
    response = logged_in(registered).post(f"{base(hackathon)}teams/new/", TEAM | changes)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    assert list(Team.objects.all()) == [team]


def test_a_member_edits_the_team_and_others_cannot(hackathon, team, member, other_member):
    url = f"{base(hackathon)}teams/{team.pk}/edit/"

    assert logged_in(other_member).post(url, TEAM).status_code == 404
    response = logged_in(member).post(url, TEAM | {"skills_wanted": "law, law, data"})

    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.name, team.skills_wanted) == ("Open water", ["law", "data"])


# The list and the team's page.


@pytest.mark.parametrize("count", [1, 3])
def test_the_team_list_makes_a_constant_number_of_queries(
    client, hackathon, django_assert_num_queries, count
):
    for _number in range(count):
        team = TeamFactory(event=hackathon, members=[UserFactory(), UserFactory()])
        ProjectFactory(team=team)

    # The summit, the event with its settings, the teams with their member counts and projects.
    with django_assert_num_queries(3):
        response = client.get(f"{base(hackathon)}teams/")

    assert [team.member_count for team in response.context["teams"]] == [2] * count


def test_the_team_page_shows_members_skills_and_a_join_form(hackathon, team, registered):
    response = logged_in(registered).get(f"{base(hackathon)}teams/{team.pk}/")

    assert response.status_code == 200
    assert "Mia Member" in response.text
    assert '<li class="badge">Python</li>' in response.text
    assert f'action="{base(hackathon)}teams/{team.pk}/join/"' in response.text


# Joining a team.


def test_a_registered_person_asks_to_join_and_the_members_are_told(hackathon, team, registered):
    response = logged_in(registered).post(
        f"{base(hackathon)}teams/{team.pk}/join/", {"message": "I draw maps."}
    )

    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert (join_request.user, join_request.status, join_request.message) == (
        registered,
        JoinRequest.Status.PENDING,
        "I draw maps.",
    )
    assert [message.to for message in mail.outbox] == [[team.memberships.get().user.email]]
    assert "I draw maps." in mail.outbox[0].body


def test_asking_twice_is_refused(hackathon, team, registered):
    client = logged_in(registered)
    client.post(f"{base(hackathon)}teams/{team.pk}/join/", {"message": ""})

    response = client.post(f"{base(hackathon)}teams/{team.pk}/join/", {"message": ""})

    assert response.status_code == 400
    assert "You have already asked to join this team." in response.text
    assert JoinRequest.objects.count() == 1


def test_a_full_team_takes_no_request(hackathon, team, registered):
    for _number in range(2):
        TeamMember.objects.create(team=team, event=hackathon, user=UserFactory())

    response = logged_in(registered).post(f"{base(hackathon)}teams/{team.pk}/join/", {})

    assert response.status_code == 400
    assert (
        "The team “Fountain finders” is full: it has 3 members, the most a team may have."
        in response.text
    )
    assert JoinRequest.objects.count() == 0


def test_a_member_of_another_team_cannot_ask(hackathon, team, other_team, other_member):
    response = logged_in(other_member).post(f"{base(hackathon)}teams/{team.pk}/join/", {})

    assert response.status_code == 400
    assert "You are already in a team at this hackathon" in response.text
    assert JoinRequest.objects.count() == 0


@pytest.mark.parametrize("person", ["unregistered", "waiting"])
def test_without_a_confirmed_registration_nobody_asks_to_join(request, hackathon, team, person):
    response = logged_in(request.getfixturevalue(person)).post(
        f"{base(hackathon)}teams/{team.pk}/join/", {}
    )

    assert response.status_code == 403
    assert f'href="/en/{hackathon.summit.slug}/events/hackathon/register/"' in response.text
    assert JoinRequest.objects.count() == 0


def test_a_message_too_long_is_refused(hackathon, team, registered):
    response = logged_in(registered).post(
        f"{base(hackathon)}teams/{team.pk}/join/", {"message": "x" * 501}
    )

    assert response.status_code == 400
    assert response.context["join_form"].errors["message"] == [
        "Ensure this value has at most 500 characters (it has 501)."
    ]
    assert JoinRequest.objects.count() == 0


def test_a_member_accepts_a_request_and_the_persons_other_requests_are_withdrawn(
    hackathon, team, other_team, member, registered
):
    join_request = JoinRequestFactory(team=team, user=registered)
    elsewhere = JoinRequestFactory(team=other_team, user=registered)

    response = logged_in(member).post(
        f"{base(hackathon)}teams/{team.pk}/requests/{join_request.pk}/accept/"
    )

    assert response.status_code == 302
    assert members_of(team) == ["Mia Member", "Ada Registered"]
    join_request.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (JoinRequest.Status.ACCEPTED, member)
    assert elsewhere.status == JoinRequest.Status.WITHDRAWN
    assert [message.to for message in mail.outbox] == [[registered.email]]
    assert mail.outbox[0].subject == "Vous faites partie de l'équipe « Fountain finders »"


def test_only_members_answer_requests(hackathon, team, other_team, other_member, registered):
    join_request = JoinRequestFactory(team=team, user=registered)

    response = logged_in(other_member).post(
        f"{base(hackathon)}teams/{team.pk}/requests/{join_request.pk}/accept/"
    )

    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert members_of(team) == ["Mia Member"]


def test_accepting_into_a_full_team_is_refused(hackathon, team, member, registered):
    join_request = JoinRequestFactory(team=team, user=registered)
    for _number in range(2):
        TeamMember.objects.create(team=team, event=hackathon, user=UserFactory())

    response = logged_in(member).post(
        f"{base(hackathon)}teams/{team.pk}/requests/{join_request.pk}/accept/"
    )

    assert response.status_code == 400
    assert "is full: it has 3 members" in response.text
    assert team.memberships.count() == 3
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_accepting_someone_who_joined_another_team_meanwhile_is_refused(
    hackathon, team, other_team, member, registered
):
    join_request = JoinRequestFactory(team=team, user=registered)
    TeamMember.objects.create(team=other_team, event=hackathon, user=registered)

    response = logged_in(member).post(
        f"{base(hackathon)}teams/{team.pk}/requests/{join_request.pk}/accept/"
    )

    assert response.status_code == 400
    assert "Ada Registered has joined another team meanwhile." in response.text
    assert members_of(team) == ["Mia Member"]


def test_accepting_someone_whose_registration_was_cancelled_is_refused(
    hackathon, team, member, registered
):
    join_request = JoinRequestFactory(team=team, user=registered)
    registered.registrations.update(status=Status.CANCELLED)

    response = logged_in(member).post(
        f"{base(hackathon)}teams/{team.pk}/requests/{join_request.pk}/accept/"
    )

    assert response.status_code == 400
    assert "no longer has a confirmed registration" in response.text
    assert members_of(team) == ["Mia Member"]


def test_a_member_declines_a_request(hackathon, team, member, registered):
    join_request = JoinRequestFactory(team=team, user=registered)

    logged_in(member).post(f"{base(hackathon)}teams/{team.pk}/requests/{join_request.pk}/decline/")

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert mail.outbox[0].subject == "L'équipe « Fountain finders » a refusé votre demande"
    assert members_of(team) == ["Mia Member"]


def test_a_person_withdraws_their_request(hackathon, team, registered):
    join_request = JoinRequestFactory(team=team, user=registered)

    logged_in(registered).post(f"{base(hackathon)}teams/{team.pk}/join/withdraw/")

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.WITHDRAWN


def test_the_members_see_the_requests_and_others_do_not(hackathon, team, member, registered):
    JoinRequestFactory(team=team, user=UserFactory(name="Pia Pending"), message="Hi there")

    assert "Pia Pending" in logged_in(member).get(f"{base(hackathon)}teams/{team.pk}/").text
    assert "Pia Pending" not in logged_in(registered).get(f"{base(hackathon)}teams/{team.pk}/").text


# Leaving a team.


def test_a_member_leaves_and_the_team_stays_for_the_others(hackathon, team, member, registered):
    TeamMember.objects.create(team=team, event=hackathon, user=registered)

    response = logged_in(member).post(f"{base(hackathon)}teams/{team.pk}/leave/")

    assert response.status_code == 302
    assert members_of(team) == ["Ada Registered"]


def test_the_last_member_to_leave_removes_the_team_and_its_project(hackathon, team, member):
    ProjectFactory(team=team)

    response = logged_in(member).post(f"{base(hackathon)}teams/{team.pk}/leave/")

    assert response.status_code == 302
    assert response["Location"] == f"{base(hackathon)}teams/"
    assert Team.objects.count() == 0


def test_nobody_leaves_after_the_deadline(hackathon, team, member):
    close(hackathon)

    response = logged_in(member).post(f"{base(hackathon)}teams/{team.pk}/leave/")

    assert response.status_code == 400
    assert members_of(team) == ["Mia Member"]


def test_a_person_who_left_can_join_another_team(hackathon, team, other_team, member):
    logged_in(member).post(f"{base(hackathon)}teams/{team.pk}/leave/")

    response = logged_in(member).post(f"{base(hackathon)}teams/{other_team.pk}/join/", {})

    assert response.status_code == 302
    assert JoinRequest.objects.get().team == other_team
