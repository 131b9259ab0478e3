"""Several permission questions about one person in one request cost one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cosummit.summits import domain, queries
from cosummit.summits.models import Role, TeamMembership
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_asking_every_permission_of_one_person_reads_their_roles_once(
    summit, organiser, django_assert_num_queries
):
    with django_assert_num_queries(1):
        answers = [
            queries.can_organise(organiser, summit),
            queries.can_moderate(organiser, summit),
            queries.can_review(organiser, summit),
            queries.can_check_in(organiser, summit),
        ]
    assert answers == [True, True, False, True]


def test_an_organiser_summit_page_reads_roles_once(client, summit, organiser):
    client.force_login(organiser)
    with CaptureQueriesContext(connection) as queries_made:
        client.get(f"/en/{summit.slug}/")
    role_reads = [
        query
        for query in queries_made.captured_queries
        if 'FROM "summits_teammembership"' in query["sql"]
    ]
    assert len(role_reads) == 1


def test_removing_ones_own_role_is_seen_at_once(summit, organiser):
    TeamMembershipFactory(summit=summit, role=Role.ORGANISER)
    assert queries.can_organise(organiser, summit) is True
    membership = TeamMembership.objects.get(summit=summit, user=organiser)
    domain.remove_team_role(membership, by=organiser)
    assert queries.can_organise(organiser, summit) is False


def test_a_role_given_during_the_request_is_seen_at_once(summit, organiser):
    newcomer = UserFactory()
    assert queries.can_review(newcomer, summit) is False
    domain.add_team_role(summit, user=newcomer, role=Role.REVIEWER, by=organiser)
    assert queries.can_review(newcomer, summit) is True
