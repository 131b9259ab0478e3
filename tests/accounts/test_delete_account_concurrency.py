"""Organisers leaving at the same moment always leave one of them in charge."""

import pytest

from cosummit.accounts.domain import LastOrganiserError, delete_account
from cosummit.summits.domain import LastOrganiserError as SummitLastOrganiserError
from cosummit.summits.domain import remove_team_role
from cosummit.summits.models import Role, TeamMembership
from tests.factories import SummitFactory, TeamMembershipFactory
from tests.threads import outcomes_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shared_database")]


def test_two_organisers_leaving_at_once_leave_one_of_them_in_charge():
    summit = SummitFactory()
    organisers = [TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user for _ in range(2)]

    outcomes = outcomes_of(
        [lambda user=user: delete_account(user) for user in organisers],
        refused=LastOrganiserError,
    )

    assert outcomes == ["done", "refused"]
    assert TeamMembership.objects.filter(summit=summit, role=Role.ORGANISER).count() == 1


def test_an_organiser_leaving_while_their_co_organiser_is_removed_leaves_one_in_charge():
    summit = SummitFactory()
    removed, leaving = (TeamMembershipFactory(summit=summit, role=Role.ORGANISER) for _ in range(2))

    outcomes = outcomes_of(
        [
            lambda: delete_account(leaving.user),
            lambda: remove_team_role(removed, by=leaving.user),
        ],
        refused=(LastOrganiserError, SummitLastOrganiserError),
    )

    assert outcomes == ["done", "refused"]
    assert TeamMembership.objects.filter(summit=summit, role=Role.ORGANISER).count() == 1
