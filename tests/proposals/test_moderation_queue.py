import pytest
from django.utils import timezone

from cosummit.proposals.models import Comment, ModerationAction, Report
from cosummit.proposals.moderation import report_comment, report_proposal
from cosummit.summits.models import Block, Role
from tests.factories import SummitFactory, UserFactory
from tests.proposals.discussion_helpers import (
    messages_of,
    proposal_url,
    team_member,
)
from tests.proposals.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def queue_url(summit, action: str = "") -> str:
    return f"/en/{summit.slug}/proposals/moderation/{action}"


@pytest.fixture
def moderator(call):
    return team_member(call.summit, Role.MODERATOR)


@pytest.fixture
def proposal(call):
    return ProposalFactory(summit=call.summit, title="Open budgets", comments_count=1)


@pytest.fixture
def reported_comment(proposal):
    comment = CommentFactory(proposal=proposal, body="Buy cheap watches")
    report_comment(comment, by=UserFactory(name="Careful reader"), reason="spam", note="Ads")
    comment.refresh_from_db()
    return comment


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("participant", 404),
        ("reviewer", 404),
        ("other summit's moderator", 404),
        ("moderator", 200),
        ("organiser", 200),
    ],
)
@pytest.mark.parametrize("page", ["", "log/"])
def test_only_moderators_and_organisers_see_the_moderation_pages(client, call, who, status, page):
    people = {
        "participant": lambda: UserFactory(),
        "reviewer": lambda: team_member(call.summit, Role.REVIEWER),
        "other summit's moderator": lambda: team_member(SummitFactory(), Role.MODERATOR),
        "moderator": lambda: team_member(call.summit, Role.MODERATOR),
        "organiser": lambda: team_member(call.summit, Role.ORGANISER),
    }
    client.force_login(people[who]())

    assert client.get(queue_url(call.summit, page)).status_code == status


def test_anonymous_visitor_is_sent_to_log_in(client, call):
    response = client.get(queue_url(call.summit))

    assert response["Location"].startswith("/en/accounts/login/")


def test_queue_lists_reported_content_with_its_reports(client, moderator, reported_comment):
    client.force_login(moderator)

    response = client.get(queue_url(reported_comment.proposal.summit))

    assert [comment.pk for comment in response.context["comments"]] == [reported_comment.pk]
    assert "Buy cheap watches" in response.text
    assert "Spam or advertising" in response.text
    assert "Careful reader" in response.text
    assert "Ads" in response.text


def test_moderator_hides_a_reported_comment(client, moderator, proposal, reported_comment):
    client.force_login(moderator)

    response = client.post(
        queue_url(proposal.summit, f"comments/{reported_comment.pk}/hide/"),
        {"reason": "Advertising"},
    )

    assert messages_of(response) == ["The comment is hidden."]
    reported_comment.refresh_from_db()
    assert reported_comment.hidden_at is not None
    assert reported_comment.reports_count == 0
    assert Report.objects.get().resolved_at is not None
    proposal.refresh_from_db()
    assert proposal.comments_count == 0
    action = ModerationAction.objects.get()
    assert (action.action, action.moderator, action.comment, action.reason, action.user) == (
        ModerationAction.Action.HIDE,
        moderator,
        reported_comment,
        "Advertising",
        reported_comment.author,
    )
    assert "This comment was hidden by the moderators." in client.get(proposal_url(proposal)).text
    hidden = client.get(queue_url(proposal.summit))
    assert [comment.pk for comment in hidden.context["hidden_comments"]] == [reported_comment.pk]


def test_moderator_restores_an_automatically_hidden_comment(client, moderator, proposal):
    comment = CommentFactory(proposal=proposal)
    for _ in range(3):
        report_comment(comment, by=UserFactory(), reason="offensive")
    client.force_login(moderator)

    response = client.post(queue_url(proposal.summit, f"comments/{comment.pk}/restore/"))

    assert messages_of(response) == ["The comment is shown and its reports are dismissed."]
    comment.refresh_from_db()
    proposal.refresh_from_db()
    assert (comment.hidden_at, comment.reports_count) == (None, 0)
    assert proposal.comments_count == 1
    assert Report.objects.filter(resolved_at__isnull=True).count() == 0
    assert list(ModerationAction.objects.values_list("action", flat=True)) == [
        ModerationAction.Action.RESTORE,
        ModerationAction.Action.AUTO_HIDE,
    ]


def test_dismissing_reports_of_visible_content_is_logged_as_such(
    client, moderator, reported_comment
):
    client.force_login(moderator)

    client.post(
        queue_url(reported_comment.proposal.summit, f"comments/{reported_comment.pk}/restore/")
    )

    assert ModerationAction.objects.get().action == ModerationAction.Action.DISMISS
    reported_comment.refresh_from_db()
    assert reported_comment.reports_count == 0


def test_moderator_hides_and_restores_a_proposal(client, moderator, proposal):
    report_proposal(proposal, by=UserFactory(), reason="off_topic")
    client.force_login(moderator)

    client.post(queue_url(proposal.summit, f"proposals/{proposal.pk}/hide/"))
    proposal.refresh_from_db()
    hidden_at = proposal.hidden_at
    client.logout()
    assert client.get(proposal_url(proposal)).status_code == 404

    client.force_login(moderator)
    client.post(queue_url(proposal.summit, f"proposals/{proposal.pk}/restore/"))
    proposal.refresh_from_db()
    client.logout()

    assert hidden_at is not None
    assert proposal.hidden_at is None
    assert client.get(proposal_url(proposal)).status_code == 200
    assert list(ModerationAction.objects.values_list("action", flat=True)) == [
        ModerationAction.Action.RESTORE,
        ModerationAction.Action.HIDE,
    ]


def test_decision_with_a_reason_too_long_changes_nothing(client, moderator, reported_comment):
    client.force_login(moderator)

    response = client.post(
        queue_url(reported_comment.proposal.summit, f"comments/{reported_comment.pk}/hide/"),
        {"reason": "x" * 501},
    )

    assert messages_of(response) == ["Nothing was changed: the reason is too long."]
    reported_comment.refresh_from_db()
    assert reported_comment.hidden_at is None
    assert ModerationAction.objects.count() == 0


@pytest.mark.parametrize("action", ["hide", "restore"])
def test_participants_cannot_decide(client, reported_comment, action):
    client.force_login(UserFactory())

    response = client.post(
        queue_url(reported_comment.proposal.summit, f"comments/{reported_comment.pk}/{action}/")
    )

    assert response.status_code == 404
    assert ModerationAction.objects.count() == 0


def test_moderators_cannot_decide_on_another_summits_content(client, reported_comment):
    other = SummitFactory()
    client.force_login(team_member(other, Role.MODERATOR))

    response = client.post(queue_url(other, f"comments/{reported_comment.pk}/hide/"))

    assert response.status_code == 404
    reported_comment.refresh_from_db()
    assert reported_comment.hidden_at is None


def test_decisions_only_accept_post(client, moderator, reported_comment):
    client.force_login(moderator)

    response = client.get(
        queue_url(reported_comment.proposal.summit, f"comments/{reported_comment.pk}/hide/")
    )

    assert response.status_code == 405


def test_moderator_blocks_the_author_who_then_cannot_comment(
    client, moderator, proposal, reported_comment
):
    author = reported_comment.author
    client.force_login(moderator)

    response = client.post(
        queue_url(proposal.summit, "block/"), {"user": author.pk, "reason": "Spam"}
    )

    assert messages_of(response) == [
        f"{author.name} is blocked: they can no longer submit, comment, support or report here."
    ]
    block = Block.objects.get()
    assert (block.user, block.summit, block.reason) == (author, proposal.summit, "Spam")
    action = ModerationAction.objects.get()
    assert (action.action, action.user, action.moderator) == (
        ModerationAction.Action.BLOCK,
        author,
        moderator,
    )
    client.force_login(author)
    client.post(proposal_url(proposal, "comments"), {"body": "More watches"})
    assert Comment.objects.filter(author=author).count() == 1


def test_moderator_unblocks_a_person(client, moderator, reported_comment):
    summit = reported_comment.proposal.summit
    block = Block.objects.create(summit=summit, user=reported_comment.author)
    client.force_login(moderator)

    response = client.post(queue_url(summit, f"blocks/{block.pk}/unblock/"))

    assert messages_of(response) == [f"{reported_comment.author.name} can take part again."]
    assert Block.objects.count() == 0
    assert ModerationAction.objects.get().action == ModerationAction.Action.UNBLOCK


def test_team_members_cannot_be_blocked(client, moderator, proposal):
    organiser = team_member(proposal.summit, Role.ORGANISER)
    CommentFactory(proposal=proposal, author=organiser)
    client.force_login(moderator)

    response = client.post(queue_url(proposal.summit, "block/"), {"user": organiser.pk})

    assert messages_of(response) == ["Members of the summit's team cannot be blocked."]
    assert Block.objects.count() == 0


def test_people_who_never_wrote_here_cannot_be_blocked(client, moderator, call):
    stranger = UserFactory()
    client.force_login(moderator)

    response = client.post(queue_url(call.summit, "block/"), {"user": stranger.pk})

    assert messages_of(response) == [
        "Only people who wrote in this summit’s call for proposals can be blocked."
    ]
    assert Block.objects.count() == 0


@pytest.mark.parametrize("user", ["", "abc", "999999"])
def test_block_with_a_bad_person_changes_nothing(client, moderator, call, user):
    client.force_login(moderator)

    client.post(queue_url(call.summit, "block/"), {"user": user})

    assert Block.objects.count() == 0
    assert ModerationAction.objects.count() == 0


def test_blocking_twice_is_refused(client, moderator, reported_comment):
    summit = reported_comment.proposal.summit
    client.force_login(moderator)
    client.post(queue_url(summit, "block/"), {"user": reported_comment.author.pk})

    response = client.post(queue_url(summit, "block/"), {"user": reported_comment.author.pk})

    assert messages_of(response) == ["This person is already blocked."]
    assert Block.objects.count() == 1


def test_log_lists_every_decision_latest_first(client, moderator, proposal, reported_comment):
    client.force_login(moderator)
    client.post(queue_url(proposal.summit, f"comments/{reported_comment.pk}/hide/"))
    client.post(queue_url(proposal.summit, "block/"), {"user": reported_comment.author.pk})

    response = client.get(queue_url(proposal.summit, "log/"))

    assert [entry.action for entry in response.context["page"].object_list] == [
        ModerationAction.Action.BLOCK,
        ModerationAction.Action.HIDE,
    ]
    assert "User blocked" in response.text


def _reported(summit, count):
    proposal = ProposalFactory(summit=summit)
    for _ in range(count):
        report_proposal(ProposalFactory(summit=summit), by=UserFactory(), reason="spam")
        comment = CommentFactory(proposal=proposal)
        report_comment(comment, by=UserFactory(), reason="spam")
        hidden = CommentFactory(proposal=proposal, hidden_at=timezone.now())
        ModerationAction.objects.create(
            summit=summit, action=ModerationAction.Action.HIDE, comment=hidden
        )
        ProposalFactory(summit=summit, hidden_at=timezone.now())
        Block.objects.create(summit=summit, user=UserFactory())


@pytest.mark.parametrize("count", [1, 3])
def test_queue_makes_a_constant_number_of_queries(
    client, moderator, call, django_assert_num_queries, count
):
    _reported(call.summit, count)
    client.force_login(moderator)
    client.get(queue_url(call.summit))

    # Session, user, summit, roles, reported proposals and their reports, reported
    # comments and their reports, hidden proposals, hidden comments, blocks.
    with django_assert_num_queries(11):
        response = client.get(queue_url(call.summit))

    assert len(response.context["comments"]) == count
    assert len(response.context["blocks"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_log_makes_a_constant_number_of_queries(
    client, moderator, call, django_assert_num_queries, count
):
    _reported(call.summit, count)
    client.force_login(moderator)
    client.get(queue_url(call.summit, "log/"))

    # Session, user, summit, roles, count, page of entries.
    with django_assert_num_queries(6):
        response = client.get(queue_url(call.summit, "log/"))

    assert len(response.context["page"].object_list) == count
