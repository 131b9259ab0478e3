"""Who may write, edit, submit and withdraw proposals: every role, every page."""

import pytest

from cosummit.proposals.models import Invitation, Proposal, State
from cosummit.summits.models import Block, Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.proposals.factories import (
    CallFactory,
    ProposalFactory,
    action_url,
    format_step_data,
    mine_url,
    new_url,
    step_url,
    text_step_data,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "unverified account",
    "blocked user",
    "author",
    "co-speaker",
    "other participant",
    "organiser",
]


def person(role: str, proposal):
    summit = proposal.summit
    if role == "anonymous":
        return None
    if role == "unverified account":
        user = UserFactory(verified=False)
        proposal.speaker_set.create(user=user, position=5)
        return user
    if role == "blocked user":
        Block.objects.create(summit=summit, user=proposal.created_by, reason="Spam")
        return proposal.created_by
    if role == "author":
        return proposal.created_by
    if role == "co-speaker":
        user = UserFactory()
        proposal.speaker_set.create(user=user, position=1)
        return user
    if role == "other participant":
        return UserFactory()
    if role == "organiser":
        return TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user
    raise ValueError(role)


@pytest.fixture
def draft(call, workshop, track):
    return ProposalFactory(
        summit=call.summit, format=workshop, track=track, state=State.DRAFT, title="Titre"
    )


def log_in(client, user):
    if user is not None:
        client.force_login(user)


EDIT_EXPECTED = {
    "anonymous": 302,
    "unverified account": 403,
    "blocked user": 403,
    "author": 200,
    "co-speaker": 200,
    "other participant": 404,
    "organiser": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_a_step_of_a_draft(client, draft, role):
    log_in(client, person(role, draft))

    response = client.get(step_url(draft, "text"))

    assert response.status_code == EDIT_EXPECTED[role]
    if role == "anonymous":
        assert response["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_save_a_step_and_nothing_changes_for_the_others(client, draft, role):
    log_in(client, person(role, draft))

    response = client.post(step_url(draft, "text"), text_step_data(title="Changé"))

    draft.refresh_from_db()
    may = role in ("author", "co-speaker")
    assert response.status_code == (302 if may or role == "anonymous" else EDIT_EXPECTED[role])
    assert draft.title == ("Changé" if may else "Titre")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("unverified account", 403),
        ("blocked user", 403),
        ("author", 302),
        ("other participant", 302),
        ("organiser", 302),
    ],
)
def test_who_may_start_a_proposal(client, draft, role, expected, workshop):
    user = person(role, draft)
    log_in(client, user)

    response = client.post(new_url(draft.summit), format_step_data(workshop))

    assert response.status_code == expected
    created = Proposal.objects.exclude(pk=draft.pk)
    assert created.count() == (1 if expected == 302 and user else 0)


def test_unverified_people_are_told_to_confirm_their_address(client, draft):
    log_in(client, person("unverified account", draft))

    response = client.get(new_url(draft.summit))

    assert response.status_code == 403
    assert "Confirm your e-mail address before writing a proposal" in response.text


def test_blocked_people_are_told_why(client, draft):
    log_in(client, person("blocked user", draft))

    response = client.get(new_url(draft.summit))

    assert "The moderators have blocked you from taking part in this summit." in response.text


@pytest.mark.parametrize("role", ROLES)
def test_who_may_submit(client, role, call, workshop, track):
    from tests.proposals.factories import ready_draft

    draft = ready_draft(call.summit, format=workshop, track=track)
    log_in(client, person(role, draft))

    response = client.post(action_url(draft, "submit"))

    draft.refresh_from_db()
    may = role in ("author", "co-speaker")
    assert draft.state == (State.SUBMITTED if may else State.DRAFT)
    assert response.status_code == (302 if may or role == "anonymous" else EDIT_EXPECTED[role])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("author", 200),
        ("co-speaker", 403),
        ("other participant", 404),
        ("organiser", 404),
    ],
)
def test_who_may_see_the_withdrawal_page(client, draft, role, expected):
    log_in(client, person(role, draft))

    assert client.get(action_url(draft, "withdraw")).status_code == expected


@pytest.mark.parametrize("role", ["co-speaker", "other participant", "organiser"])
def test_only_authors_withdraw(client, draft, role):
    log_in(client, person(role, draft))

    client.post(action_url(draft, "withdraw"))

    draft.refresh_from_db()
    assert draft.state == State.DRAFT


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("unverified account", 403),
        ("blocked user", 403),
        ("author", 302),
        ("co-speaker", 403),
        ("other participant", 404),
        ("organiser", 404),
    ],
)
def test_who_may_invite_co_speakers(client, draft, role, expected):
    log_in(client, person(role, draft))

    response = client.post(action_url(draft, "speakers/invite"), {"email": "ama@example.org"})

    assert response.status_code == expected
    assert Invitation.objects.count() == (1 if role == "author" else 0)


def test_my_proposals_needs_an_account(client, draft):
    response = client.get(mine_url(draft.summit))

    assert response.status_code == 302


def test_a_summit_without_a_call_has_no_proposal_form(client, participant):
    summit = SummitFactory()
    client.force_login(participant)

    assert client.get(new_url(summit)).status_code == 404


def test_an_unpublished_summit_is_hidden_from_participants(client, participant):
    summit = SummitFactory(is_published=False)
    CallFactory(summit=summit)
    client.force_login(participant)

    assert client.get(new_url(summit)).status_code == 404
