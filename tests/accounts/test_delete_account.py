"""The domain function behind the delete page, as the API or a command would call it."""

import pytest

from cosummit.accounts.domain import LastOrganiserError, delete_account
from cosummit.accounts.models import User
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_delete_account_names_every_summit_that_would_lose_its_last_organiser():
    user = UserFactory()
    alone = [SummitFactory(slug="alpha"), SummitFactory(slug="beta")]
    shared = SummitFactory(slug="gamma")
    for summit in [*alone, shared]:
        TeamMembershipFactory(user=user, summit=summit, role=Role.ORGANISER)
    TeamMembershipFactory(summit=shared, role=Role.ORGANISER)

    with pytest.raises(LastOrganiserError) as refusal:
        delete_account(user)

    assert [summit.slug for summit in refusal.value.summits] == ["alpha", "beta"]
    assert User.objects.filter(pk=user.pk).exists() is True


def test_delete_account_ignores_roles_other_than_organiser():
    user = UserFactory()
    TeamMembershipFactory(user=user, role=Role.MODERATOR)
    TeamMembershipFactory(user=user, role=Role.CHECKIN)

    delete_account(user)

    assert User.objects.filter(email=user.email).exists() is False
