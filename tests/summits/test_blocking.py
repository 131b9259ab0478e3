"""The summit's one list of blocked people: its write functions and its read."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from cosummit.summits import domain, queries
from cosummit.summits.models import Block, Role
from tests.factories import BlockFactory, SummitFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(summit):
    return TeamMembershipFactory(summit=summit, role=Role.MODERATOR).user


def test_blocking_writes_one_row_saying_who_blocked_and_why(summit, moderator):
    person = UserFactory()

    block, created = domain.block_person(summit, user=person, by=moderator, reason="Spam")

    assert created is True
    assert list(Block.objects.values_list("summit", "user", "blocked_by", "reason")) == [
        (summit.pk, person.pk, moderator.pk, "Spam")
    ]
    assert block == Block.objects.get()


def test_blocking_a_blocked_person_keeps_the_first_block(summit, moderator):
    first = BlockFactory(summit=summit, reason="Spam")

    block, created = domain.block_person(summit, user=first.user, by=moderator, reason="Again")

    assert (block, created) == (first, False)
    assert list(Block.objects.values_list("reason", flat=True)) == ["Spam"]


def test_nobody_blocks_themselves(summit, moderator):
    with pytest.raises(ValidationError) as refused:
        domain.block_person(summit, user=moderator, by=moderator)

    assert refused.value.messages == ["You cannot block yourself."]
    assert Block.objects.count() == 0


def test_the_summits_team_cannot_be_blocked(summit, moderator):
    organiser = TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user

    with pytest.raises(ValidationError) as refused:
        domain.block_person(summit, user=organiser, by=moderator)

    assert refused.value.messages == ["Members of the summit's team cannot be blocked."]
    assert Block.objects.count() == 0


def test_unblocking_deletes_the_block_and_says_whether_there_was_one(summit, moderator):
    block = BlockFactory(summit=summit)

    first = domain.unblock_person(summit, user=block.user, by=moderator)
    second = domain.unblock_person(summit, user=block.user, by=moderator)

    assert (first, second) == (True, False)
    assert Block.objects.count() == 0


def test_unblocking_leaves_the_persons_blocks_in_other_summits(summit, moderator):
    elsewhere = BlockFactory(summit=SummitFactory())

    domain.unblock_person(summit, user=elsewhere.user, by=moderator)

    assert list(Block.objects.all()) == [elsewhere]


def test_a_block_holds_in_its_own_summit_only(summit):
    block = BlockFactory(summit=summit)

    assert queries.is_blocked(block.user, summit) is True
    assert queries.is_blocked(block.user, SummitFactory()) is False
    assert queries.is_blocked(UserFactory(), summit) is False
    assert queries.is_blocked(AnonymousUser(), summit) is False


def test_blocked_people_are_listed_latest_first(summit):
    first = BlockFactory(summit=summit)
    second = BlockFactory(summit=summit)
    BlockFactory(summit=SummitFactory())

    assert list(queries.blocked_people(summit)) == [second, first]
