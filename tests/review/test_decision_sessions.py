"""The organisers' list of sessions made from confirmed proposals."""

import datetime as dt

import pytest

from cosummit.programme.domain import create_session_from_proposal
from cosummit.programme.models import Session
from cosummit.review.models import Decision, Outcome
from tests.factories import UserFactory
from tests.review.decision_helpers import convener_of, proposal_of, speaker
from tests.review.factories import DecisionFactory

NOW = dt.datetime(2016, 9, 1, 10, 0, tzinfo=dt.UTC)


def sessions_url(summit) -> str:
    return f"/en/{summit.slug}/review/decisions/sessions/"


def confirmed(summit, title: str, reply=Decision.Reply.CONFIRMED):
    proposal = proposal_of(summit, None, title, author=speaker(f"{title} Speaker"), duration=60)
    DecisionFactory(proposal=proposal, outcome=Outcome.ACCEPT, applied_at=NOW, reply=reply)
    if reply == Decision.Reply.CONFIRMED:
        create_session_from_proposal(proposal)
    return proposal


def test_the_page_lists_sessions_with_their_speakers_and_the_answers(client, organiser, summit):
    confirmed(summit, "Open budgets")
    confirmed(summit, "Civic tech", reply=Decision.Reply.DECLINED)
    confirmed(summit, "Waiting", reply="")
    Session.objects.create(summit=summit, title="Opening plenary")
    client.force_login(organiser)
    response = client.get(sessions_url(summit))
    assert [session.title for session in response.context["sessions"]] == ["Open budgets"]
    assert response.context["replies"] == {"confirmed": 1, "declined": 1, "waiting": 1}
    assert "Open budgets Speaker" in response.text
    assert "60 minutes" in response.text


def test_the_page_makes_a_constant_number_of_queries(
    client, organiser, summit, django_assert_num_queries
):
    confirmed(summit, "First")
    client.force_login(organiser)
    with django_assert_num_queries(7):
        client.get(sessions_url(summit))
    confirmed(summit, "Second")
    confirmed(summit, "Third")
    with django_assert_num_queries(7):
        response = client.get(sessions_url(summit))
    assert len(response.context["sessions"]) == 3


@pytest.mark.parametrize("kind", ["anonymous", "participant", "convener"])
def test_only_organisers_see_the_sessions(client, summit, kind):
    confirmed(summit, "Open budgets")
    if kind == "participant":
        client.force_login(UserFactory())
    elif kind == "convener":
        client.force_login(convener_of(summit))
    assert client.get(sessions_url(summit)).status_code == (302 if kind == "anonymous" else 404)
