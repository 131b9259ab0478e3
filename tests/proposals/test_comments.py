import datetime as dt

import pytest
from django.utils import timezone

from cosummit.proposals.discussion import ActionRefused, post_comment
from cosummit.proposals.models import Comment, State
from cosummit.proposals.public_views import COMMENT_THREADS_PER_PAGE
from cosummit.summits.models import Role
from tests.factories import UserFactory
from tests.proposals.discussion_helpers import (
    blocked_user,
    comment_link,
    comment_url,
    messages_of,
    proposal_url,
    team_member,
    unverified_user,
)
from tests.proposals.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(call):
    return ProposalFactory(summit=call.summit)


def comments_count(proposal) -> int:
    proposal.refresh_from_db(fields=["comments_count"])
    return proposal.comments_count


def test_participant_comments_and_lands_on_the_comment(client, proposal, participant):
    client.force_login(participant)

    response = client.post(proposal_url(proposal, "comments"), {"body": "  Count me in!  "})

    comment = Comment.objects.get()
    assert (comment.body, comment.author, comment.depth, comment.parent) == (
        "Count me in!",
        participant,
        1,
        None,
    )
    assert response["Location"] == comment_link(comment)
    assert messages_of(response) == ["Your comment was published."]
    assert comments_count(proposal) == 1


def test_comments_are_sanitised_markdown(client, proposal, participant):
    client.force_login(participant)
    client.post(
        proposal_url(proposal, "comments"),
        {"body": "**Yes** <script>alert(1)</script> [site](javascript:alert(1))"},
    )

    response = client.get(proposal_url(proposal))

    assert "<strong>Yes</strong>" in response.text
    assert "<script>alert(1)" not in response.text
    assert 'href="javascript:' not in response.text


def test_comment_page_shows_the_author_name_but_never_the_e_mail(client, proposal):
    author = UserFactory(name="Amina Diallo", email="amina@example.org")
    CommentFactory(proposal=proposal, author=author)

    response = client.get(proposal_url(proposal))

    assert "Amina Diallo" in response.text
    assert "amina@example.org" not in response.text


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("   ", "This field is required."),
        ("x" * 5001, "Ensure this value has at most 5000 characters (it has 5001)."),
    ],
    ids=["blank", "too-long"],
)
def test_bad_comment_is_refused_with_the_reason_and_the_text_kept(
    client, proposal, participant, body, error
):
    client.force_login(participant)

    response = client.post(proposal_url(proposal, "comments"), {"body": body})

    assert response.status_code == 200
    assert response.context["form"].errors == {"body": [error]}
    assert Comment.objects.count() == 0
    assert comments_count(proposal) == 0


def test_reply_nests_under_its_parent(client, proposal, participant):
    parent = CommentFactory(proposal=proposal)
    client.force_login(participant)

    client.post(proposal_url(proposal, "comments"), {"body": "Agreed.", "parent": parent.pk})

    reply = Comment.objects.get(parent=parent)
    assert reply.depth == 2


def test_reply_to_a_third_level_comment_joins_its_conversation_at_the_third_level(
    client, proposal, participant
):
    first = CommentFactory(proposal=proposal)
    second = CommentFactory(proposal=proposal, parent=first)
    third = CommentFactory(proposal=proposal, parent=second)
    client.force_login(participant)

    client.post(proposal_url(proposal, "comments"), {"body": "Deeper.", "parent": third.pk})

    reply = Comment.objects.get(body="Deeper.")
    assert (reply.depth, reply.parent) == (3, second)


def test_thread_is_shown_nested(client, proposal):
    first = CommentFactory(proposal=proposal, body="First level")
    CommentFactory(proposal=proposal, parent=first, body="Second level")

    response = client.get(proposal_url(proposal))

    thread = response.context["comments"]
    assert [(c.body, [child.body for child in c.children]) for c in thread] == [
        ("First level", ["Second level"])
    ]
    assert 'class="comment comment--depth-2"' in response.text


def test_reply_to_a_comment_of_another_proposal_is_not_found(client, proposal, participant):
    elsewhere = CommentFactory(proposal=ProposalFactory(summit=proposal.summit))
    client.force_login(participant)

    response = client.post(
        proposal_url(proposal, "comments"), {"body": "Hm.", "parent": elsewhere.pk}
    )

    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_parent_that_is_not_a_number_is_not_found(client, proposal, participant):
    client.force_login(participant)

    response = client.post(proposal_url(proposal, "comments"), {"body": "Hm.", "parent": "1; --"})

    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_reply_form_alone_quotes_the_comment(client, proposal, participant):
    parent = CommentFactory(proposal=proposal, body="Which cities?")
    client.force_login(participant)

    response = client.get(proposal_url(proposal, "comments"), {"parent": parent.pk})

    assert response.status_code == 200
    assert "Reply to a comment" in response.text
    assert "Which cities?" in response.text


def test_deleted_comment_cannot_be_answered(proposal, participant):
    parent = CommentFactory(proposal=proposal, deleted_at=timezone.now(), body="")

    with pytest.raises(ActionRefused) as refused:
        post_comment(proposal, by=participant, body="Hello", parent=parent)

    assert refused.value.message == "This comment can no longer be answered."


def test_anonymous_visitor_is_sent_to_log_in(client, proposal):
    response = client.post(proposal_url(proposal, "comments"), {"body": "Hello"})

    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert Comment.objects.count() == 0


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
def test_unverified_and_blocked_people_cannot_comment(client, proposal, make_user, message):
    client.force_login(make_user(proposal.summit))

    response = client.post(proposal_url(proposal, "comments"), {"body": "Hello"})

    assert messages_of(response) == [message]
    assert Comment.objects.count() == 0
    page = client.get(proposal_url(proposal))
    assert message in page.text
    assert "Publish the comment" not in page.text


def test_merged_proposal_takes_no_new_comment(client, call, participant):
    joint = ProposalFactory(summit=call.summit)
    merged = ProposalFactory(summit=call.summit, state=State.MERGED, merged_into=joint)
    client.force_login(participant)

    response = client.post(proposal_url(merged, "comments"), {"body": "Late"})

    assert messages_of(response) == ["This proposal is closed to supports and comments."]
    assert Comment.objects.count() == 0


def test_author_edits_a_comment_within_fifteen_minutes(client, proposal, participant):
    comment = CommentFactory(proposal=proposal, author=participant, body="Typo")
    client.force_login(participant)

    response = client.post(comment_url(comment, "edit"), {"body": "Fixed"})

    comment.refresh_from_db()
    assert response["Location"] == comment_link(comment)
    assert comment.body == "Fixed"
    assert comment.edited_at is not None
    assert "edited" in client.get(proposal_url(proposal)).text


def test_comment_can_no_longer_be_edited_after_fifteen_minutes(client, proposal, participant):
    comment = CommentFactory(proposal=proposal, author=participant, body="Old")
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=15, seconds=5)
    )
    client.force_login(participant)

    response = client.post(comment_url(comment, "edit"), {"body": "New"})

    assert messages_of(response) == [
        "A comment can be edited by its author during the 15 minutes after it was sent."
    ]
    comment.refresh_from_db()
    assert comment.body == "Old"
    assert "/edit/" not in client.get(proposal_url(proposal)).text


def test_nobody_else_edits_a_comment(client, proposal, participant):
    comment = CommentFactory(proposal=proposal, body="Mine")
    client.force_login(participant)

    client.post(comment_url(comment, "edit"), {"body": "Yours"})

    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_blank_edit_is_refused(client, proposal, participant):
    comment = CommentFactory(proposal=proposal, author=participant, body="Keep")
    client.force_login(participant)

    response = client.post(comment_url(comment, "edit"), {"body": " "})

    assert response.context["form"].errors == {"body": ["This field is required."]}
    comment.refresh_from_db()
    assert comment.body == "Keep"


def test_deleting_a_comment_without_replies_removes_it(client, proposal, participant):
    comment = CommentFactory(proposal=proposal, author=participant)
    proposal.comments_count = 1
    proposal.save(update_fields=["comments_count"])
    client.force_login(participant)

    confirm = client.get(comment_url(comment, "delete"))
    response = client.post(comment_url(comment, "delete"))

    assert "Delete your comment?" in confirm.text
    assert messages_of(response) == ["Your comment was deleted."]
    assert Comment.objects.count() == 0
    assert comments_count(proposal) == 0


def test_deleting_a_comment_with_replies_leaves_a_mark(client, proposal, participant):
    comment = CommentFactory(proposal=proposal, author=participant, body="Secret plan")
    CommentFactory(proposal=proposal, parent=comment, body="A reply")
    proposal.comments_count = 2
    proposal.save(update_fields=["comments_count"])
    client.force_login(participant)

    client.post(comment_url(comment, "delete"))

    comment.refresh_from_db()
    assert (comment.body, comment.deleted_at is not None) == ("", True)
    assert comments_count(proposal) == 1
    page = client.get(proposal_url(proposal))
    assert "Comment deleted by its author." in page.text
    assert "A reply" in page.text
    assert "Secret plan" not in page.text


def test_deleting_the_last_reply_of_a_deleted_comment_removes_both(client, proposal, participant):
    parent = CommentFactory(proposal=proposal, deleted_at=timezone.now(), body="")
    reply = CommentFactory(proposal=proposal, parent=parent, author=participant)
    client.force_login(participant)

    client.post(comment_url(reply, "delete"))

    assert Comment.objects.count() == 0


def test_nobody_else_deletes_a_comment(client, proposal, participant):
    comment = CommentFactory(proposal=proposal)
    client.force_login(participant)

    response = client.post(comment_url(comment, "delete"))

    assert messages_of(response) == ["Only the author of a comment can delete it."]
    assert Comment.objects.count() == 1


def test_comment_of_another_proposal_is_not_found_through_this_one(client, proposal, participant):
    comment = CommentFactory(proposal=ProposalFactory(summit=proposal.summit), author=participant)
    client.force_login(participant)

    response = client.post(proposal_url(proposal, f"comments/{comment.pk}/delete"))

    assert response.status_code == 404
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.MODERATOR, Role.REVIEWER])
def test_team_members_comment_like_anyone(client, proposal, role):
    client.force_login(team_member(proposal.summit, role))

    client.post(proposal_url(proposal, "comments"), {"body": "From the team"})

    assert Comment.objects.get().body == "From the team"


def test_anonymous_visitor_is_sent_to_log_in_to_edit(client, proposal):
    comment = CommentFactory(proposal=proposal)

    response = client.get(comment_url(comment, "edit"))

    assert response["Location"].startswith("/en/accounts/login/")


def test_reply_page_never_shows_a_hidden_comments_text(client, proposal, participant):
    hidden = CommentFactory(proposal=proposal, body="Insult", hidden_at=timezone.now())
    client.force_login(participant)

    response = client.get(proposal_url(proposal, "comments"), {"parent": hidden.pk})

    assert "Insult" not in response.text
    assert "This comment was hidden by the moderators." in response.text


def test_hidden_comment_cannot_be_answered(client, proposal, participant):
    hidden = CommentFactory(proposal=proposal, hidden_at=timezone.now())
    client.force_login(participant)

    response = client.post(
        proposal_url(proposal, "comments"), {"body": "Hello", "parent": hidden.pk}
    )

    assert messages_of(response) == ["This comment can no longer be answered."]
    assert Comment.objects.count() == 1


def test_own_comment_offers_edit_and_delete_and_others_offer_report(client, proposal, participant):
    own = CommentFactory(proposal=proposal, author=participant)
    other = CommentFactory(proposal=proposal)
    client.force_login(participant)

    response = client.get(proposal_url(proposal))

    assert f'href="{comment_url(own, "edit")}"' in response.text
    assert f'href="{comment_url(own, "delete")}"' in response.text
    assert f'href="{comment_url(own, "report")}"' not in response.text
    assert f'href="{comment_url(other, "report")}"' in response.text
    assert f'href="{comment_url(other, "edit")}"' not in response.text


def _conversations(proposal, count):
    """`count` top-level comments, one minute apart, the first the oldest, each with a reply."""
    start = timezone.now() - dt.timedelta(days=1)
    roots = []
    for number in range(count):
        root = CommentFactory(proposal=proposal, body=f"Conversation {number}")
        reply = CommentFactory(proposal=proposal, parent=root, body=f"Reply {number}")
        at = start + dt.timedelta(minutes=number)
        Comment.objects.filter(pk=root.pk).update(created_at=at)
        Comment.objects.filter(pk=reply.pk).update(created_at=at + dt.timedelta(seconds=30))
        roots.append(root)
    return roots


def test_long_discussions_are_paged_newest_conversations_first(client, proposal):
    _conversations(proposal, COMMENT_THREADS_PER_PAGE + 2)

    first = client.get(proposal_url(proposal))
    second = client.get(proposal_url(proposal), {"comments": 2})

    newest = COMMENT_THREADS_PER_PAGE + 1
    assert [c.body for c in first.context["comments"]][:2] == [
        f"Conversation {newest}",
        f"Conversation {newest - 1}",
    ]
    assert [c.children[0].body for c in first.context["comments"]][:1] == [f"Reply {newest}"]
    assert len(first.context["comments"]) == COMMENT_THREADS_PER_PAGE
    assert [c.body for c in second.context["comments"]] == ["Conversation 1", "Conversation 0"]
    assert "Earlier conversations" in first.text
    assert "?comments=2#discussion" in first.text


def test_a_link_to_a_comment_opens_the_page_that_holds_it(client, proposal):
    oldest = _conversations(proposal, COMMENT_THREADS_PER_PAGE + 2)[0]
    reply = oldest.replies.get()

    response = client.get(comment_link(reply))

    assert response.context["comments_page"].number == 2
    assert f'id="comment-{reply.pk}"' in response.text


@pytest.mark.parametrize("parameters", [{"comments": "abc"}, {"comment": "x"}, {"comment": "99"}])
def test_bad_discussion_page_parameters_show_the_first_page(client, proposal, parameters):
    _conversations(proposal, 2)

    response = client.get(proposal_url(proposal), parameters)

    assert response.status_code == 200
    assert response.context["comments_page"].number == 1
