"""Submissions sent at the same moment cannot pass a limit together."""

import datetime as dt

import pytest
from django.utils import timezone

from cosummit.proposals import domain
from cosummit.proposals.models import AccessCode, State
from tests.factories import UserFactory
from tests.proposals.factories import CallFactory, SessionFormatFactory, TrackFactory, ready_draft
from tests.threads import outcomes_of


def drafts(call, count, *, author=None):
    session_format = SessionFormatFactory(call=call)
    track = TrackFactory(summit=call.summit)
    return [
        ready_draft(call.summit, author=author or UserFactory(), format=session_format, track=track)
        for _ in range(count)
    ]


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_cannot_pass_the_limit_per_person(shared_database):
    author = UserFactory()
    call = CallFactory(max_proposals_per_person=1)
    first, second = drafts(call, 2, author=author)

    outcomes = outcomes_of(
        [
            lambda: domain.submit_proposal(first, by=author),
            lambda: domain.submit_proposal(second, by=author),
        ],
        refused=domain.ProposalError,
    )

    assert outcomes == ["done", "refused"]
    assert call.summit.proposals.filter(state=State.SUBMITTED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_access_code_for_one_use_lets_in_one_of_two_late_submissions(shared_database):
    call = CallFactory(closes_at=timezone.now() - dt.timedelta(days=1))
    code = AccessCode.objects.create(
        call=call, code="LATE", valid_until=timezone.now() + dt.timedelta(days=1), max_uses=1
    )
    first, second = drafts(call, 2)
    for draft in (first, second):
        draft.access_code = code
        draft.save()

    outcomes = outcomes_of(
        [
            lambda: domain.submit_proposal(first, by=first.created_by),
            lambda: domain.submit_proposal(second, by=second.created_by),
        ],
        refused=domain.ProposalError,
    )

    code.refresh_from_db()
    assert outcomes == ["done", "refused"]
    assert code.uses == 1


@pytest.mark.django_db(transaction=True)
def test_two_invitations_at_once_cannot_pass_the_limit_of_co_speakers(shared_database):
    call = CallFactory(max_co_speakers=1)
    [proposal] = drafts(call, 1)

    outcomes = outcomes_of(
        [
            lambda: domain.invite_co_speaker(
                proposal, email="a@example.org", by=proposal.created_by
            ),
            lambda: domain.invite_co_speaker(
                proposal, email="b@example.org", by=proposal.created_by
            ),
        ],
        refused=domain.ProposalError,
    )

    assert outcomes == ["done", "refused"]
    assert proposal.invitations.count() == 1
