"""A block holds in the whole summit, whichever moderation queue it was decided in."""

import pytest
from django.test import Client

from cosummit.proposals.models import Comment
from cosummit.proposals.models import ModerationAction as ProposalsLog
from cosummit.summits.models import Block, Role
from cosummit.toolbox.models import ModerationAction as ToolboxLog
from tests.factories import TeamMembershipFactory, UserFactory
from tests.proposals.discussion_helpers import messages_of
from tests.proposals.factories import CallFactory, CommentFactory, ProposalFactory
from tests.toolbox.factories import CardFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def moderator(summit):
    return TeamMembershipFactory(summit=summit, role=Role.MODERATOR).user


@pytest.fixture
def proposal(summit):
    CallFactory(summit=summit)
    return ProposalFactory(summit=summit, title="Open budgets")


@pytest.fixture
def writer(proposal):
    """Someone who commented on a proposal, so the proposals' queue may block them."""
    return CommentFactory(proposal=proposal, author=UserFactory(name="Sam Spammer")).author


@pytest.fixture
def tool(summit):
    return CardFactory(summit=summit, slug="consultation-tool")


def proposals_queue(summit, action: str = "") -> str:
    return f"/en/{summit.slug}/proposals/moderation/{action}"


def toolbox_queue(summit, action: str = "") -> str:
    return f"/en/{summit.slug}/toolbox/moderation/{action}"


def rate(person, tool):
    return logged_in(person).post(
        f"/en/{tool.summit.slug}/toolbox/cards/{tool.slug}/rate/", {"score": 5}
    )


def comments_written(person, proposal) -> int:
    """Try to comment on `proposal`; return how many such comments `person` has."""
    logged_in(person).post(
        f"/en/{proposal.summit.slug}/proposals/{proposal.pk}/comments/", {"body": "Buy watches"}
    )
    return Comment.objects.filter(author=person, body="Buy watches").count()


def logs(summit) -> tuple[list[str], list[str]]:
    """The actions of the proposals' moderation log and of the toolbox's, oldest first."""
    return (
        list(
            ProposalsLog.objects.filter(summit=summit)
            .order_by("pk")
            .values_list("action", flat=True)
        ),
        list(
            ToolboxLog.objects.filter(summit=summit).order_by("pk").values_list("action", flat=True)
        ),
    )


def test_a_person_blocked_in_the_proposals_queue_cannot_write_in_the_toolbox(
    summit, moderator, writer, tool
):
    logged_in(moderator).post(
        proposals_queue(summit, "block/"), {"user": writer.pk, "reason": "Spam"}
    )

    assert rate(writer, tool).status_code == 403
    assert list(Block.objects.values_list("user", "reason", "blocked_by")) == [
        (writer.pk, "Spam", moderator.pk)
    ]
    assert logs(summit) == (["block"], [])


def test_a_person_blocked_in_the_toolbox_queue_cannot_comment_on_proposals(
    summit, moderator, writer, proposal
):
    logged_in(moderator).post(
        toolbox_queue(summit, f"people/{writer.pk}/block/"), {"reason": "Spam"}
    )

    assert comments_written(writer, proposal) == 0
    assert logs(summit) == ([], ["block"])


def test_both_queues_list_the_same_blocked_people(summit, moderator, writer):
    logged_in(moderator).post(
        toolbox_queue(summit, f"people/{writer.pk}/block/"), {"reason": "Spam"}
    )
    staff = logged_in(moderator)

    in_proposals = staff.get(proposals_queue(summit)).context["blocks"]
    in_toolbox = staff.get(toolbox_queue(summit)).context["blocks"]

    assert in_proposals == in_toolbox == [Block.objects.get(user=writer)]


def test_the_proposals_queue_refuses_to_block_again_a_person_blocked_in_the_toolbox(
    summit, moderator, writer
):
    staff = logged_in(moderator)
    staff.post(toolbox_queue(summit, f"people/{writer.pk}/block/"), {"reason": "Spam"})

    response = staff.post(proposals_queue(summit, "block/"), {"user": writer.pk})

    assert messages_of(response) == ["This person is already blocked."]
    assert Block.objects.count() == 1
    assert logs(summit) == ([], ["block"])


def test_unblocking_in_the_toolbox_lets_the_person_write_everywhere_again(
    summit, moderator, writer, proposal, tool
):
    staff = logged_in(moderator)
    staff.post(proposals_queue(summit, "block/"), {"user": writer.pk, "reason": "Spam"})

    staff.post(toolbox_queue(summit, f"people/{writer.pk}/unblock/"))

    assert Block.objects.count() == 0
    assert comments_written(writer, proposal) == 1
    assert rate(writer, tool).status_code == 302
    assert logs(summit) == (["block"], ["unblock"])


def test_unblocking_in_the_proposals_queue_lets_the_person_write_everywhere_again(
    summit, moderator, writer, proposal, tool
):
    staff = logged_in(moderator)
    staff.post(toolbox_queue(summit, f"people/{writer.pk}/block/"), {"reason": "Spam"})
    block = Block.objects.get()

    staff.post(proposals_queue(summit, f"blocks/{block.pk}/unblock/"))

    assert Block.objects.count() == 0
    assert rate(writer, tool).status_code == 302
    assert comments_written(writer, proposal) == 1
    assert logs(summit) == (["unblock"], ["block"])
