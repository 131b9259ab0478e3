"""The rules checked when a proposal is submitted: fields, deadlines, codes, limits."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from cosummit.core.questions import QuestionKind
from cosummit.proposals import domain
from cosummit.proposals.models import AccessCode, Proposal, ProposalQuestion, State
from tests.proposals.factories import (
    CallFactory,
    ProposalFactory,
    SessionFormatFactory,
    action_url,
    format_step_data,
    new_url,
    ready_draft,
    step_url,
)

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def draft(call, workshop, track, participant):
    return ready_draft(call.summit, author=participant, format=workshop, track=track)


def submit(client, proposal):
    client.force_login(proposal.created_by)
    response = client.post(action_url(proposal, "submit"))
    proposal.refresh_from_db()
    return response


def test_a_complete_draft_is_submitted(client, draft):
    before = timezone.now()

    response = submit(client, draft)

    assert response.status_code == 302
    assert response["Location"] == f"/en/{draft.summit.slug}/proposals/mine/"
    assert draft.state == State.SUBMITTED
    assert draft.submitted_at >= before


def test_missing_fields_are_listed_and_nothing_is_submitted(client, call, workshop, participant):
    draft = ProposalFactory(
        summit=call.summit,
        author=participant,
        format=workshop,
        state=State.DRAFT,
        title="",
        abstract="",
        description="",
        session_language="",
    )

    response = submit(client, draft)

    assert response.status_code == 200
    assert "The proposal was not submitted:" in response.text
    for sentence in (
        "Give a title.",
        "Write an abstract.",
        "Write a description.",
        "Say in which language the session will be held.",
        "Name at least one organising organisation.",
        "Say how long the session should last.",
    ):
        assert sentence in response.text
    assert draft.state == State.DRAFT


def test_after_the_calls_deadline_a_draft_is_not_submitted(client, draft, call):
    call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    call.save()

    response = submit(client, draft)

    assert "The deadline for this format has passed." in response.text
    assert draft.state == State.DRAFT


def test_a_formats_own_deadline_wins_over_the_calls(client, draft, call, workshop):
    workshop.closes_at = timezone.now() - dt.timedelta(minutes=1)
    workshop.save()

    response = submit(client, draft)

    assert "The deadline for this format has passed." in response.text
    assert draft.state == State.DRAFT


def test_a_format_may_close_later_than_the_call(client, draft, call, workshop):
    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save()
    workshop.closes_at = timezone.now() + dt.timedelta(days=1)
    workshop.save()

    submit(client, draft)

    assert draft.state == State.SUBMITTED


def test_a_deadline_of_23_59_in_paris_in_june_closes_at_21_59_utc(call):
    call.opens_at = None
    call.closes_at = dt.datetime(2016, 6, 1, 23, 59, tzinfo=PARIS)
    call.save()

    assert domain.is_accepting(call, None, now=dt.datetime(2016, 6, 1, 21, 58, tzinfo=dt.UTC))
    assert not domain.is_accepting(call, None, now=dt.datetime(2016, 6, 1, 22, 0, tzinfo=dt.UTC))


def late_code(call, **fields):
    values = {
        "code": "LATE-2016",
        "valid_until": timezone.now() + dt.timedelta(days=2),
        "max_uses": 1,
    }
    values.update(fields)
    return AccessCode.objects.create(call=call, **values)


def test_an_access_code_lets_a_draft_in_after_the_deadline_and_is_counted(client, draft, call):
    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save()
    code = late_code(call)
    draft.access_code = code
    draft.save()

    submit(client, draft)

    code.refresh_from_db()
    assert (draft.state, code.uses) == (State.SUBMITTED, 1)


def test_an_access_code_used_up_since_it_was_typed_is_refused(client, draft, call):
    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save()
    code = late_code(call, uses=1)
    draft.access_code = code
    draft.save()

    response = submit(client, draft)

    assert "This access code has been used as many times as allowed." in response.text
    assert draft.state == State.DRAFT


def test_an_access_code_is_not_counted_before_the_deadline(client, draft, call):
    code = late_code(call)
    draft.access_code = code
    draft.save()

    submit(client, draft)

    code.refresh_from_db()
    assert (draft.state, code.uses) == (State.SUBMITTED, 0)


@pytest.fixture
def closed_call(call):
    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save()
    return call


def start(client, participant, workshop, **data):
    client.force_login(participant)
    return client.post(new_url(workshop.call.summit), format_step_data(workshop, **data))


def test_after_the_deadline_a_new_proposal_needs_an_access_code(
    client, participant, closed_call, workshop
):
    response = start(client, participant, workshop)

    assert response.status_code == 200
    assert "The deadline for this format has passed. Enter the access code" in response.text
    assert Proposal.objects.count() == 0


def test_after_the_deadline_a_valid_code_starts_a_draft(client, participant, closed_call, workshop):
    code = late_code(closed_call)

    response = start(client, participant, workshop, access_code="late-2016")

    assert response.status_code == 302
    assert Proposal.objects.get().access_code == code


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"valid_until": dt.datetime(2016, 1, 1, tzinfo=dt.UTC)}, "This access code has expired."),
        ({"uses": 1}, "This access code has been used as many times as allowed."),
    ],
)
def test_an_expired_or_used_up_code_is_refused(
    client, participant, closed_call, workshop, fields, message
):
    late_code(closed_call, **fields)

    response = start(client, participant, workshop, access_code="LATE-2016")

    assert message in response.text
    assert Proposal.objects.count() == 0


def test_a_code_for_another_format_is_refused(client, participant, closed_call, workshop):
    other = SessionFormatFactory(call=closed_call)
    late_code(closed_call).formats.set([other])

    response = start(client, participant, workshop, access_code="LATE-2016")

    assert "This access code is not valid for this format." in response.text
    assert Proposal.objects.count() == 0


def test_an_unknown_code_is_refused(client, participant, closed_call, workshop):
    response = start(client, participant, workshop, access_code="GUESS")

    assert "This access code is not valid for this call." in response.text
    assert Proposal.objects.count() == 0


def test_a_call_that_has_not_opened_takes_no_proposal(client, participant, call):
    call.opens_at = timezone.now() + dt.timedelta(days=1)
    call.save()
    client.force_login(participant)

    response = client.get(new_url(call.summit))

    assert response.status_code == 403
    assert "The call for proposals has not opened yet." in response.text


def test_the_limit_of_proposals_per_person_counts_submitted_ones_only(
    client, call, workshop, track, participant
):
    call.max_proposals_per_person = 2
    call.save()
    ProposalFactory(summit=call.summit, author=participant, state=State.SUBMITTED)
    ProposalFactory(summit=call.summit, author=participant, state=State.DRAFT)
    ProposalFactory(summit=call.summit, author=participant, state=State.WITHDRAWN)
    ProposalFactory(summit=CallFactory().summit, author=participant, state=State.SUBMITTED)
    second = ready_draft(call.summit, author=participant, format=workshop, track=track)
    third = ready_draft(call.summit, author=participant, format=workshop, track=track)

    submit(client, second)
    response = submit(client, third)

    assert second.state == State.SUBMITTED
    assert "The author has already submitted 2 proposals, the most allowed." in response.text
    assert third.state == State.DRAFT


def test_a_submitted_proposal_cannot_be_submitted_again(client, draft):
    submit(client, draft)
    submitted_at = draft.submitted_at

    response = submit(client, draft)

    assert "This proposal has already been submitted." in response.text
    assert draft.submitted_at == submitted_at


def test_a_required_question_must_be_answered_before_submitting(client, draft, call):
    question = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "Partners?"}, is_required=True
    )

    response = submit(client, draft)
    assert "Answer the question “Partners?”." in response.text
    assert draft.state == State.DRAFT

    client.post(step_url(draft, "questions"), {question.field_name: "Ville de Lyon"})
    submit(client, draft)
    assert (draft.state, draft.answers) == (State.SUBMITTED, {str(question.pk): "Ville de Lyon"})


def test_a_question_for_another_format_is_neither_asked_nor_required(client, draft, call, workshop):
    other = SessionFormatFactory(call=call)
    question = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "Stage size?"}, is_required=True
    )
    question.formats.set([other])
    client.force_login(draft.created_by)

    page = client.get(step_url(draft, "questions")).text
    submit(client, draft)

    assert "Stage size?" not in page
    assert draft.state == State.SUBMITTED


def test_a_conditional_question_is_required_only_when_it_applies(client, draft, call):
    parent = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.CHECKBOX, label={"en": "Do you need a room?"}, position=0
    )
    child = ProposalQuestion.objects.create(
        call=call,
        kind=QuestionKind.SHORT_TEXT,
        label={"en": "Which size?"},
        is_required=True,
        depends_on=parent,
        depends_on_value="yes",
        position=1,
    )
    client.force_login(draft.created_by)

    client.post(step_url(draft, "questions"), {parent.field_name: "on"})
    refused = submit(client, draft)
    client.post(step_url(draft, "questions"), {parent.field_name: "on", child.field_name: "50"})
    submit(client, draft)

    assert "Answer the question “Which size?”." in refused.text
    assert draft.answers == {str(parent.pk): True, str(child.pk): "50"}
    assert draft.state == State.SUBMITTED


def test_after_the_deadline_a_submitted_proposal_can_no_longer_be_edited(client, draft, call):
    draft.state = State.SUBMITTED
    draft.save()
    call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    call.save()
    client.force_login(draft.created_by)

    response = client.post(step_url(draft, "text"), {"title": "Trop tard"})

    draft.refresh_from_db()
    assert response.status_code == 403
    assert "The deadline has passed: this proposal can no longer be changed." in response.text
    assert draft.title != "Trop tard"


def test_a_withdrawn_proposal_cannot_be_submitted_again(draft):
    draft.state = State.WITHDRAWN
    draft.save()

    with pytest.raises(domain.ProposalError) as refused:
        domain.submit_proposal(draft, by=draft.created_by)

    draft.refresh_from_db()
    assert refused.value.messages == ["This proposal can no longer be submitted."]
    assert draft.state == State.WITHDRAWN


def test_submitting_without_the_questions_reads_them(draft, call):
    ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "Partners?"}, is_required=True
    )

    with pytest.raises(domain.ProposalError) as refused:
        domain.submit_proposal(draft, by=draft.created_by)

    assert refused.value.messages == ["Answer the question “Partners?”."]
