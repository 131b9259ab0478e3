"""Accepted speakers confirm or decline through the link in their e-mail."""

import datetime as dt

import pytest
from django.utils import timezone

from cosummit.programme.models import Session
from cosummit.review.models import Decision, Outcome
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory
from tests.review.decision_helpers import proposal_of, reply_url, speaker
from tests.review.factories import DecisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return speaker("John", "en")


@pytest.fixture
def co_speaker():
    return speaker("Amina", "fr")


@pytest.fixture
def decision(summit, author, co_speaker):
    """An applied acceptance, to be answered within a week."""
    proposal = proposal_of(summit, None, "Open budgets", author=author, speakers=[co_speaker])
    return DecisionFactory(
        proposal=proposal,
        outcome=Outcome.ACCEPT,
        applied_at=timezone.now() - dt.timedelta(days=1),
        reply_by=timezone.now() + dt.timedelta(days=7),
    )


def state_of(decision):
    decision.refresh_from_db()
    return decision.reply, decision.replied_by, Session.objects.count()


def test_the_page_shows_the_decision_and_two_buttons_and_does_nothing(client, author, decision):
    client.force_login(author)
    response = client.get(reply_url(decision))
    assert response.status_code == 200
    assert "<h1>Your proposal “Open budgets”</h1>" in response.text
    assert "Your proposal is accepted." in response.text
    assert '<button type="submit" name="answer" value="confirm" class="button">' in response.text
    assert 'name="answer" value="decline"' in response.text
    assert state_of(decision) == ("", None, 0)


def test_confirming_creates_the_session_once(client, author, decision):
    client.force_login(author)
    response = client.post(reply_url(decision), {"answer": "confirm"}, follow=True)
    assert response.redirect_chain == [(reply_url(decision), 302)]
    assert "Thank you: your session is confirmed for the programme." in response.text
    assert state_of(decision) == ("confirmed", author, 1)
    session = Session.objects.get()
    assert (session.proposal, session.title) == (decision.proposal, "Open budgets")
    assert "You confirmed the session on" in response.text
    assert 'value="confirm"' not in response.text


def test_confirming_twice_is_refused(client, author, co_speaker, decision):
    client.force_login(author)
    client.post(reply_url(decision), {"answer": "confirm"})
    client.force_login(co_speaker)
    response = client.post(reply_url(decision), {"answer": "confirm"}, follow=True)
    assert "This session was confirmed already; the answer cannot change here." in response.text
    assert state_of(decision) == ("confirmed", author, 1)


def test_declining_records_the_answer_without_a_session(client, co_speaker, decision):
    client.force_login(co_speaker)
    response = client.post(reply_url(decision, "fr"), {"answer": "decline"})
    assert response["Location"] == reply_url(decision, "fr")
    assert state_of(decision) == ("declined", co_speaker, 0)
    client.post(reply_url(decision), {"answer": "confirm"})
    assert state_of(decision) == ("declined", co_speaker, 0)


def test_after_the_deadline_the_answer_is_refused(client, author, decision):
    decision.reply_by = timezone.now() - dt.timedelta(minutes=1)
    decision.save(update_fields=["reply_by"])
    client.force_login(author)
    page = client.get(reply_url(decision))
    assert "The deadline to answer was" in page.text
    assert 'value="confirm"' not in page.text
    response = client.post(reply_url(decision), {"answer": "confirm"}, follow=True)
    assert "The deadline to answer has passed. Please write to the organisers." in response.text
    assert state_of(decision) == ("", None, 0)


def test_an_unknown_answer_is_refused(client, author, decision):
    client.force_login(author)
    response = client.post(reply_url(decision), {"answer": "maybe"}, follow=True)
    assert "Choose to confirm or to decline the session." in response.text
    assert state_of(decision) == ("", None, 0)


@pytest.mark.parametrize("outcome", [Outcome.REJECT, Outcome.WAITLIST])
def test_a_proposal_not_accepted_cannot_be_confirmed(client, author, decision, outcome):
    decision.outcome = outcome
    decision.reply_by = None
    decision.save(update_fields=["outcome", "reply_by"])
    client.force_login(author)
    assert 'value="confirm"' not in client.get(reply_url(decision)).text
    response = client.post(reply_url(decision), {"answer": "confirm"}, follow=True)
    assert "Only an accepted proposal is confirmed or declined." in response.text
    assert state_of(decision) == ("", None, 0)


def test_a_pending_decision_has_no_reply_page_yet(client, author, decision):
    decision.applied_at = None
    decision.save(update_fields=["applied_at"])
    client.force_login(author)
    assert client.get(reply_url(decision)).status_code == 404
    assert client.post(reply_url(decision), {"answer": "confirm"}).status_code == 404
    assert state_of(decision) == ("", None, 0)


@pytest.mark.parametrize("kind", ["participant", "organiser", "reviewer"])
def test_only_the_proposals_speakers_reach_the_page(client, summit, decision, kind):
    if kind == "participant":
        user = speaker("Someone")
    else:
        role = Role.ORGANISER if kind == "organiser" else Role.REVIEWER
        user = TeamMembershipFactory(summit=summit, role=role).user
    client.force_login(user)
    assert client.get(reply_url(decision)).status_code == 404
    assert client.post(reply_url(decision), {"answer": "confirm"}).status_code == 404
    assert state_of(decision) == ("", None, 0)


def test_anyone_logged_out_is_sent_to_log_in(client, decision):
    response = client.get(reply_url(decision))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert client.post(reply_url(decision), {"answer": "confirm"}).status_code == 302
    assert state_of(decision) == ("", None, 0)


def test_the_link_only_works_under_its_own_summit(client, author, decision):
    client.force_login(author)
    other = SummitFactory()
    url = f"/en/{other.slug}/review/decisions/reply/{decision.token}/"
    assert client.get(url).status_code == 404
    assert client.get(reply_url(decision).replace(decision.token, "unknown")).status_code == 404


def test_the_reply_only_answers_get_and_post(client, author, decision):
    client.force_login(author)
    assert client.put(reply_url(decision)).status_code == 405
    assert Decision.objects.get().reply == ""
