import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.core.housekeeping import run_housekeeping
from cosummit.proposals.discussion import follow, send_digests
from cosummit.proposals.models import Comment, DigestState, Follow, State, Support
from cosummit.proposals.tasks import send_proposal_digests
from tests.factories import UserFactory
from tests.proposals.discussion_helpers import (
    blocked_user,
    messages_of,
    proposal_url,
    unverified_user,
)
from tests.proposals.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 10, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def proposal(call):
    return ProposalFactory(
        summit=call.summit,
        title="Open budgets",
        language="en",
        other_language="fr",
        other_title="Budgets ouverts",
    )


def at(hours_before_now: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours_before_now)


def following(proposal, user, *, since_hours=48):
    row = follow(proposal, user)
    Follow.objects.filter(pk=row.pk).update(created_at=at(since_hours))
    return row


def comment(proposal, *, hours_ago, body="A remark", author=None, **fields):
    row = CommentFactory(proposal=proposal, body=body, author=author or UserFactory(), **fields)
    Comment.objects.filter(pk=row.pk).update(created_at=at(hours_ago))
    return row


def support(proposal, *, hours_ago, user=None):
    row = Support.objects.create(proposal=proposal, user=user or UserFactory())
    Support.objects.filter(pk=row.pk).update(created_at=at(hours_ago))
    return row


# Following through the page


def test_participant_follows_and_unfollows_a_proposal(client, proposal, participant):
    client.force_login(participant)

    response = client.post(proposal_url(proposal, "follow"))

    assert messages_of(response) == [
        "You follow this proposal: a daily e-mail will tell you about its new comments "
        "and supports."
    ]
    assert list(Follow.objects.values_list("user", flat=True)) == [participant.pk]
    assert "Stop following" in client.get(proposal_url(proposal)).text

    response = client.post(proposal_url(proposal, "unfollow"))

    assert messages_of(response) == ["You no longer follow this proposal."]
    assert Follow.objects.count() == 0


def test_following_twice_keeps_one_follow(client, proposal, participant):
    client.force_login(participant)
    client.post(proposal_url(proposal, "follow"))
    client.post(proposal_url(proposal, "follow"))

    assert Follow.objects.count() == 1
    assert follow(proposal, participant) == Follow.objects.get()


def test_unverified_person_cannot_follow(client, proposal):
    client.force_login(unverified_user())

    response = client.post(proposal_url(proposal, "follow"))

    assert messages_of(response) == ["Confirm your e-mail address to follow proposals."]
    assert Follow.objects.count() == 0


def test_anonymous_visitor_is_sent_to_log_in_to_follow(client, proposal):
    response = client.post(proposal_url(proposal, "follow"))

    assert response["Location"].startswith("/en/accounts/login/")
    assert Follow.objects.count() == 0


def test_unfollowing_what_one_does_not_follow_says_so(client, proposal, participant):
    client.force_login(participant)

    response = client.post(proposal_url(proposal, "unfollow"))

    assert messages_of(response) == ["You did not follow this proposal."]


# The digest


def test_follower_gets_new_comments_and_supports_in_one_e_mail(proposal):
    reader = UserFactory(preferred_language="en", name="Sam")
    following(proposal, reader)
    comment(proposal, hours_ago=3, body="Which cities?", author=UserFactory(name="Ana"))
    support(proposal, hours_ago=2)
    support(proposal, hours_ago=1)

    assert send_digests(now=NOW) == 1

    [message] = mail.outbox
    assert message.to == [reader.email]
    assert message.subject == "News of a proposal you follow"
    assert message.extra_headers == {"X-Cosummit-Summit": proposal.summit.slug}
    assert "Hello Sam," in message.body
    assert "== Open budgets (Summit" in message.body
    assert "2 new supports" in message.body
    assert "- Ana: Which cities?" in message.body
    assert proposal_url(proposal) in message.body
    assert "Which cities?" in message.alternatives[0][0]
    assert DigestState.objects.get(user=reader).last_sent_at == NOW


def test_digest_is_written_in_the_followers_language(proposal):
    reader = UserFactory(preferred_language="fr")
    following(proposal, reader)
    comment(proposal, hours_ago=1)

    send_digests(now=NOW)

    [message] = mail.outbox
    assert "Budgets ouverts" in message.body
    assert "/fr/" in message.body


def test_nothing_is_sent_when_nothing_happened(proposal):
    reader = UserFactory()
    following(proposal, reader)
    comment(proposal, hours_ago=60)

    assert send_digests(now=NOW) == 0
    assert mail.outbox == []
    assert not DigestState.objects.filter(user=reader).exists()


def test_the_followers_own_comments_and_supports_are_left_out(proposal):
    reader = UserFactory()
    following(proposal, reader)
    comment(proposal, hours_ago=1, author=reader)
    support(proposal, hours_ago=1, user=reader)

    assert send_digests(now=NOW) == 0


def test_deleted_and_hidden_comments_are_left_out(proposal):
    reader = UserFactory()
    following(proposal, reader)
    comment(proposal, hours_ago=1, body="Gone", deleted_at=NOW)
    comment(proposal, hours_ago=1, body="Hidden", hidden_at=NOW)
    comment(proposal, hours_ago=1, body="Kept")

    send_digests(now=NOW)

    [message] = mail.outbox
    assert "Kept" in message.body
    assert "Gone" not in message.body
    assert "Hidden" not in message.body


def test_at_most_one_digest_a_day(proposal):
    reader = UserFactory()
    following(proposal, reader)
    comment(proposal, hours_ago=2, body="Morning")
    send_digests(now=NOW)
    comment(proposal, hours_ago=-1, body="Later that day")

    assert send_digests(now=NOW + dt.timedelta(hours=23)) == 0
    assert send_digests(now=NOW + dt.timedelta(hours=24)) == 1

    assert len(mail.outbox) == 2
    assert "Later that day" in mail.outbox[1].body
    assert "Morning" not in mail.outbox[1].body


def test_one_e_mail_covers_every_proposal_followed(call, proposal):
    reader = UserFactory(preferred_language="en")
    other = ProposalFactory(summit=call.summit, title="Open contracts")
    following(proposal, reader)
    following(other, reader)
    comment(proposal, hours_ago=1)
    support(other, hours_ago=1)

    send_digests(now=NOW)

    [message] = mail.outbox
    assert message.subject == "News of 2 proposals you follow"
    assert "Open budgets" in message.body
    assert "Open contracts" in message.body


def test_what_happened_before_following_is_left_out(proposal):
    reader = UserFactory()
    following(proposal, reader, since_hours=2)
    comment(proposal, hours_ago=3, body="Before")

    assert send_digests(now=NOW) == 0


def test_withdrawn_proposals_send_no_digest(proposal):
    reader = UserFactory()
    following(proposal, reader)
    comment(proposal, hours_ago=1)
    proposal.state = State.WITHDRAWN
    proposal.save(update_fields=["state"])

    assert send_digests(now=NOW) == 0


def test_inactive_people_get_no_digest(proposal):
    reader = UserFactory(is_active=False)
    following(proposal, reader)
    comment(proposal, hours_ago=1)

    assert send_digests(now=NOW) == 0


def test_digest_task_and_housekeeping_send_the_digests(proposal):
    reader = UserFactory()
    following(proposal, reader, since_hours=2)
    comment(proposal, hours_ago=1)
    Comment.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    Follow.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))

    assert send_proposal_digests.call() == 1
    assert run_housekeeping()["proposal_digests"] == 0
    assert len(mail.outbox) == 1


def test_blocked_people_may_still_follow_what_they_read(client, proposal):
    client.force_login(blocked_user(proposal.summit))

    client.post(proposal_url(proposal, "follow"))

    assert Follow.objects.count() == 1
