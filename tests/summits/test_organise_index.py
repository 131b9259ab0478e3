"""The organiser area's first page: the summits one organises."""

import pytest

from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_index_lists_the_summits_the_person_organises_and_no_other(client, summit, organiser):
    other_summit = SummitFactory()
    TeamMembershipFactory(summit=other_summit, user=organiser, role=Role.REVIEWER)
    client.force_login(organiser)
    response = client.get("/en/organise/")
    assert response.context["summits"] == [summit]
    assert f'href="/en/organise/{summit.slug}/"' in response.text
    assert f'href="/en/organise/{other_summit.slug}/"' not in response.text


def test_staff_are_offered_to_create_a_summit(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/en/organise/")
    assert response.context["can_create_summit"] is True
    assert '<a class="button" href="/en/organise/new/">Create a summit</a>' in response.text


def test_an_organiser_who_is_not_staff_is_not_offered_to_create_a_summit(client, organiser):
    client.force_login(organiser)
    response = client.get("/en/organise/")
    assert response.context["can_create_summit"] is False
    assert "/en/organise/new/" not in response.text


def test_a_person_without_summits_is_told_how_to_join_a_team(client, participant):
    client.force_login(participant)
    response = client.get("/en/organise/")
    assert response.context["summits"] == []
    assert "You do not organise any summit yet." in response.text


def test_index_is_in_french_under_the_french_address(client, organiser):
    client.force_login(organiser)
    response = client.get("/fr/organise/")
    assert '<html lang="fr">' in response.text
    assert response.text.count("<h1>") == 1


def test_index_makes_a_constant_number_of_queries(client, django_assert_num_queries):
    person = UserFactory(is_staff=True)
    TeamMembershipFactory(user=person, role=Role.ORGANISER)
    client.force_login(person)
    with django_assert_num_queries(3):
        client.get("/en/organise/")
    TeamMembershipFactory.create_batch(2, user=person, role=Role.ORGANISER)
    with django_assert_num_queries(3):
        response = client.get("/en/organise/")
    assert len(response.context["summits"]) == 3
