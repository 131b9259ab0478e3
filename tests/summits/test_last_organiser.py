"""A summit always keeps at least one organiser."""

import pytest

from cosummit.summits import domain
from cosummit.summits.models import Role, TeamMembership
from tests.factories import TeamMembershipFactory

from .factories_extra import shown_messages

pytestmark = pytest.mark.django_db


def test_the_last_organiser_role_cannot_be_removed(client, summit, organiser):
    client.force_login(organiser)
    membership = organiser.team_memberships.get()
    response = client.post(f"/en/organise/{summit.slug}/team/{membership.pk}/remove/", follow=True)
    assert response.redirect_chain == [(f"/en/organise/{summit.slug}/team/", 302)]
    assert shown_messages(response) == [
        f"{organiser} is the summit’s only organiser: give someone else the role “Organiser” "
        "before removing it."
    ]
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


def test_the_last_organiser_may_lose_their_other_roles(client, summit, organiser):
    reviewer_role = TeamMembershipFactory(summit=summit, user=organiser, role=Role.REVIEWER)
    client.force_login(organiser)
    client.post(f"/en/organise/{summit.slug}/team/{reviewer_role.pk}/remove/")
    assert list(organiser.team_memberships.values_list("role", flat=True)) == [Role.ORGANISER]


def test_one_of_two_organisers_may_be_removed(client, summit, organiser):
    other = TeamMembershipFactory(summit=summit, role=Role.ORGANISER)
    client.force_login(organiser)
    client.post(f"/en/organise/{summit.slug}/team/{other.pk}/remove/")
    assert list(TeamMembership.objects.filter(summit=summit).values_list("user", flat=True)) == [
        organiser.pk
    ]


def test_an_organiser_who_steps_down_is_taken_back_to_the_organiser_area(client, summit, organiser):
    TeamMembershipFactory(summit=summit, role=Role.ORGANISER)
    client.force_login(organiser)
    own = organiser.team_memberships.get()
    response = client.post(f"/en/organise/{summit.slug}/team/{own.pk}/remove/")
    assert response["Location"] == "/en/organise/"
    assert client.get(f"/en/organise/{summit.slug}/").status_code == 404


def test_removing_the_last_organiser_directly_raises_and_changes_nothing(summit, organiser):
    membership = organiser.team_memberships.get()
    with pytest.raises(domain.LastOrganiserError):
        domain.remove_team_role(membership, by=organiser)
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


def test_organisers_of_other_summits_do_not_count(summit, organiser):
    TeamMembershipFactory(role=Role.ORGANISER)
    with pytest.raises(domain.LastOrganiserError):
        domain.remove_team_role(organiser.team_memberships.get(), by=organiser)
