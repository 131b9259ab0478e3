"""The summit's team: roles given to people with an account, and taken back."""

import pytest

from cosummit.summits.models import Role, TeamMembership
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory

from .factories_extra import shown_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def team_rows(summit) -> list[tuple[str, str]]:
    return sorted(TeamMembership.objects.filter(summit=summit).values_list("user__email", "role"))


def test_the_team_page_lists_every_role_with_its_person(logged_in, summit, organiser):
    reviewer = TeamMembershipFactory(summit=summit, role=Role.REVIEWER, user__name="Lucas Moreau")
    TeamMembershipFactory(summit=SummitFactory(), user__name="Someone Else")
    response = logged_in.get(f"/en/organise/{summit.slug}/team/")
    assert {membership.pk for membership in response.context["memberships"]} == {
        reviewer.pk,
        organiser.team_memberships.get().pk,
    }
    assert "<td>Lucas Moreau</td>" in response.text
    assert "Someone Else" not in response.text
    assert (
        'Remove<span class="visually-hidden"> the role “Reviewer” of Lucas Moreau</span>'
        in response.text
    )


def test_the_team_page_makes_a_constant_number_of_queries(
    logged_in, summit, django_assert_num_queries
):
    with django_assert_num_queries(5):
        logged_in.get(f"/en/organise/{summit.slug}/team/")
    TeamMembershipFactory.create_batch(2, summit=summit, role=Role.CHECKIN)
    with django_assert_num_queries(5):
        response = logged_in.get(f"/en/organise/{summit.slug}/team/")
    assert len(response.context["memberships"]) == 3


@pytest.mark.parametrize("role", Role.values)
def test_an_organiser_gives_a_role_to_a_person_by_e_mail_address(logged_in, summit, role):
    person = UserFactory(email="awa@example.org", name="Awa Diallo")
    response = logged_in.post(
        f"/en/organise/{summit.slug}/team/",
        {"email": "Awa@Example.org", "role": role},
        follow=True,
    )
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/team/", 302)]
    assert shown_messages(response) == [f"Awa Diallo now has the role “{Role(role).label}”."]
    assert TeamMembership.objects.filter(summit=summit, user=person, role=role).count() == 1


def test_a_person_may_hold_several_roles(logged_in, summit):
    person = UserFactory(email="awa@example.org")
    for role in (Role.MODERATOR, Role.REVIEWER):
        logged_in.post(f"/en/organise/{summit.slug}/team/", {"email": person.email, "role": role})
    assert sorted(person.team_memberships.values_list("role", flat=True)) == [
        Role.MODERATOR,
        Role.REVIEWER,
    ]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"email": "nobody@example.org", "role": Role.REVIEWER},
            {"email": ["No account uses this e-mail address. Ask the person to sign up first."]},
        ),
        (
            {"email": "gone@example.org", "role": Role.REVIEWER},
            {"email": ["No account uses this e-mail address. Ask the person to sign up first."]},
        ),
        (
            {"email": "not an address", "role": Role.REVIEWER},
            {"email": ["Enter a valid email address."]},
        ),
        (
            {"email": "awa@example.org", "role": "president"},
            {"role": ["Select a valid choice. president is not one of the available choices."]},
        ),
        (
            {"email": "awa@example.org", "role": Role.MODERATOR},
            {"__all__": ["Awa Diallo already has the role “Moderator”."]},
        ),
        ({}, {"email": ["This field is required."], "role": ["This field is required."]}),
    ],
)
def test_a_role_that_cannot_be_given_changes_nothing_and_says_why(logged_in, summit, data, errors):
    TeamMembershipFactory(
        summit=summit, role=Role.MODERATOR, user__email="awa@example.org", user__name="Awa Diallo"
    )
    UserFactory(email="gone@example.org", is_active=False)
    before = team_rows(summit)
    response = logged_in.post(f"/en/organise/{summit.slug}/team/", data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert team_rows(summit) == before


def test_an_organiser_takes_a_role_back(logged_in, summit):
    membership = TeamMembershipFactory(summit=summit, role=Role.REVIEWER, user__name="Lucas Moreau")
    response = logged_in.post(
        f"/en/organise/{summit.slug}/team/{membership.pk}/remove/", follow=True
    )
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/team/", 302)]
    assert shown_messages(response) == ["Lucas Moreau no longer has the role “Reviewer”."]
    assert not TeamMembership.objects.filter(pk=membership.pk).exists()


def test_taking_back_a_role_keeps_the_persons_other_roles(logged_in, summit):
    reviewer = TeamMembershipFactory(summit=summit, role=Role.REVIEWER)
    moderator = TeamMembershipFactory(summit=summit, user=reviewer.user, role=Role.MODERATOR)
    logged_in.post(f"/en/organise/{summit.slug}/team/{reviewer.pk}/remove/")
    assert list(reviewer.user.team_memberships.all()) == [moderator]
