import pytest
from django.utils import timezone

from cosummit.proposals.discussion import ActionRefused
from cosummit.proposals.models import ModerationAction, Report
from cosummit.proposals.moderation import report_comment, report_proposal
from tests.factories import UserFactory
from tests.proposals.discussion_helpers import (
    blocked_user,
    comment_link,
    comment_url,
    gallery_url,
    messages_of,
    proposal_url,
    unverified_user,
)
from tests.proposals.factories import CallFactory, CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(call):
    return ProposalFactory(summit=call.summit, comments_count=1)


@pytest.fixture
def comment(proposal):
    return CommentFactory(proposal=proposal, body="Buy cheap watches")


def test_participant_reports_a_comment_with_a_reason_and_a_note(client, comment, participant):
    client.force_login(participant)

    form = client.get(comment_url(comment, "report"))
    response = client.post(
        comment_url(comment, "report"), {"reason": "spam", "note": "Advertising."}
    )

    assert "Buy cheap watches" in form.text
    assert response["Location"] == comment_link(comment)
    assert messages_of(response) == ["Thank you: the moderators will look at your report."]
    report = Report.objects.get()
    assert (report.comment, report.proposal, report.reporter, report.reason, report.note) == (
        comment,
        None,
        participant,
        "spam",
        "Advertising.",
    )
    comment.refresh_from_db()
    assert (comment.reports_count, comment.hidden_at) == (1, None)


def test_participant_reports_a_proposal(client, proposal, participant):
    client.force_login(participant)

    client.post(proposal_url(proposal, "report"), {"reason": "off_topic"})

    report = Report.objects.get()
    assert (report.proposal, report.comment, report.reason, report.summit) == (
        proposal,
        None,
        "off_topic",
        proposal.summit,
    )


def test_report_without_a_valid_reason_is_refused(client, comment, participant):
    client.force_login(participant)

    response = client.post(comment_url(comment, "report"), {"reason": "boring"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reason": ["Select a valid choice. boring is not one of the available choices."]
    }
    assert Report.objects.count() == 0


def test_reporting_twice_is_refused(client, comment, participant):
    client.force_login(participant)
    client.post(comment_url(comment, "report"), {"reason": "spam"})

    response = client.post(comment_url(comment, "report"), {"reason": "offensive"})

    assert messages_of(response) == ["You have already reported this."]
    assert Report.objects.count() == 1
    comment.refresh_from_db()
    assert comment.reports_count == 1


def test_authors_cannot_report_their_own_content(proposal, comment):
    with pytest.raises(ActionRefused) as own_comment:
        report_comment(comment, by=comment.author, reason="spam")
    with pytest.raises(ActionRefused) as own_proposal:
        report_proposal(proposal, by=proposal.created_by, reason="spam")

    assert own_comment.value.message == "You cannot report your own comment."
    assert own_proposal.value.message == "You cannot report a proposal you speak on."
    assert Report.objects.count() == 0


def test_anonymous_visitor_is_sent_to_log_in_to_report(client, comment):
    response = client.post(comment_url(comment, "report"), {"reason": "spam"})

    assert response["Location"].startswith("/en/accounts/login/")
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("make_user", "message"),
    [
        (
            lambda summit: unverified_user(),
            "Confirm your e-mail address to take part in the discussion.",
        ),
        (blocked_user, "The moderators have blocked you from taking part in this summit."),
    ],
    ids=["unverified", "blocked"],
)
def test_unverified_and_blocked_people_cannot_report(client, comment, make_user, message):
    client.force_login(make_user(comment.proposal.summit))

    response = client.post(comment_url(comment, "report"), {"reason": "spam"})

    assert messages_of(response) == [message]
    assert Report.objects.count() == 0


def test_third_report_hides_the_comment_until_moderators_decide(client, proposal, comment):
    for _ in range(3):
        report_comment(comment, by=UserFactory(), reason="spam")

    comment.refresh_from_db()
    proposal.refresh_from_db()
    assert comment.reports_count == 3
    assert comment.hidden_at is not None
    assert proposal.comments_count == 0
    action = ModerationAction.objects.get()
    assert (action.action, action.comment, action.moderator, action.user) == (
        ModerationAction.Action.AUTO_HIDE,
        comment,
        None,
        comment.author,
    )
    page = client.get(proposal_url(proposal))
    assert "This comment was hidden by the moderators." in page.text
    assert "Buy cheap watches" not in page.text


def test_two_reports_do_not_hide_with_the_default_threshold(comment):
    for _ in range(2):
        report_comment(comment, by=UserFactory(), reason="spam")

    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_organisers_set_how_many_reports_hide_content(summit):
    CallFactory(summit=summit, reports_to_hide=1)
    comment = CommentFactory(proposal=ProposalFactory(summit=summit))

    report_comment(comment, by=UserFactory(), reason="offensive")

    comment.refresh_from_db()
    assert comment.hidden_at is not None


def test_reported_proposal_is_hidden_from_the_gallery_and_its_page(client, proposal):
    for _ in range(3):
        report_proposal(proposal, by=UserFactory(), reason="spam")

    proposal.refresh_from_db()
    assert proposal.hidden_at is not None
    assert ModerationAction.objects.get().action == ModerationAction.Action.AUTO_HIDE
    assert client.get(proposal_url(proposal)).status_code == 404
    assert proposal.title not in client.get(gallery_url(proposal.summit)).text


def test_hidden_comment_cannot_be_reported_again(proposal, comment):
    for _ in range(3):
        report_comment(comment, by=UserFactory(), reason="spam")

    with pytest.raises(ActionRefused) as refused:
        report_comment(comment, by=UserFactory(), reason="spam")

    assert refused.value.message == "This comment cannot be reported."
    assert Report.objects.count() == 3


def test_report_page_never_shows_a_hidden_comments_text(client, proposal, participant):
    hidden = CommentFactory(proposal=proposal, body="Insult", hidden_at=timezone.now())
    client.force_login(participant)

    response = client.get(comment_url(hidden, "report"))

    assert "Insult" not in response.text
