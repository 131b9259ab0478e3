"""create_api_token and revoke_api_token, which the token page calls."""

import pytest
from django.core.exceptions import PermissionDenied

from cosummit.api.domain import create_api_token, revoke_api_token
from cosummit.api.models import ApiToken, hash_token
from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_any_team_role_may_create_a_token(summit, role):
    member = TeamMembershipFactory(summit=summit, role=role).user

    token, raw = create_api_token(member, name="Script")

    assert (token.user, token.name, token.prefix, token.token_hash) == (
        member,
        "Script",
        raw[:8],
        hash_token(raw),
    )


def test_person_without_a_verified_address_may_not_create_a_token(participant):
    participant.emailaddress_set.update(verified=False)

    with pytest.raises(PermissionDenied):
        create_api_token(participant, name="Script")
    assert ApiToken.objects.count() == 0


def test_participant_with_a_verified_address_may_create_a_token(participant):
    token, secret = create_api_token(participant, name="Toolbox script")

    assert (token.user, token.name, secret.startswith("cs_")) == (
        participant,
        "Toolbox script",
        True,
    )


def test_deactivated_team_member_may_not_create_a_token(organiser):
    organiser.is_active = False
    organiser.save(update_fields=["is_active"])

    with pytest.raises(PermissionDenied):
        create_api_token(organiser, name="Script")


def test_each_token_has_its_own_secret(organiser):
    secrets = {create_api_token(organiser, name=f"Script {n}")[1] for n in range(5)}

    assert len(secrets) == 5


def test_only_the_owner_may_revoke_a_token(organiser, other_team_member):
    token, _raw = create_api_token(organiser, name="Script")

    with pytest.raises(PermissionDenied):
        revoke_api_token(token, by=other_team_member)
    assert ApiToken.objects.filter(pk=token.pk).exists()

    revoke_api_token(token, by=organiser)
    assert not ApiToken.objects.filter(pk=token.pk).exists()
