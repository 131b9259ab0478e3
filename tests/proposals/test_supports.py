import pytest

from cosummit.proposals.discussion import ActionRefused, support_proposal
from cosummit.proposals.models import State, Support
from cosummit.summits.models import Role
from tests.factories import UserFactory
from tests.proposals.discussion_helpers import (
    blocked_user,
    messages_of,
    proposal_url,
    team_member,
    unverified_user,
)
from tests.proposals.factories import CallFactory, ProposalFactory
from tests.threads import outcomes_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(call):
    return ProposalFactory(summit=call.summit)


def support_count(proposal) -> int:
    proposal.refresh_from_db(fields=["supports_count"])
    return proposal.supports_count


def test_verified_participant_supports_a_proposal(client, proposal, participant):
    client.force_login(participant)

    response = client.post(proposal_url(proposal, "support"))

    assert (response.status_code, response["Location"]) == (
        302,
        proposal_url(proposal) + "#support",
    )
    assert messages_of(response) == ["You support this proposal. Thank you!"]
    assert list(Support.objects.values_list("proposal", "user")) == [(proposal.pk, participant.pk)]
    assert support_count(proposal) == 1


def test_page_then_offers_to_withdraw_the_support(client, proposal, participant):
    client.force_login(participant)
    client.post(proposal_url(proposal, "support"))

    response = client.get(proposal_url(proposal))

    assert "You support this proposal." in response.text
    assert "Withdraw my support" in response.text
    assert "1 person supports this proposal." in response.text


def test_supporting_twice_is_refused_and_counts_once(client, proposal, participant):
    client.force_login(participant)
    client.post(proposal_url(proposal, "support"))

    response = client.post(proposal_url(proposal, "support"))

    assert messages_of(response) == ["You already support this proposal."]
    assert Support.objects.count() == 1
    assert support_count(proposal) == 1


def test_withdrawing_removes_the_support(client, proposal, participant):
    client.force_login(participant)
    client.post(proposal_url(proposal, "support"))

    response = client.post(proposal_url(proposal, "support/withdraw"))

    assert messages_of(response) == ["You withdrew your support."]
    assert Support.objects.count() == 0
    assert support_count(proposal) == 0


def test_withdrawing_without_a_support_changes_nothing(client, proposal, participant):
    other = UserFactory()
    client.force_login(other)
    client.post(proposal_url(proposal, "support"))
    client.force_login(participant)

    response = client.post(proposal_url(proposal, "support/withdraw"))

    assert messages_of(response) == ["You did not support this proposal."]
    assert support_count(proposal) == 1


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_recorded(client, proposal):
    response = client.post(proposal_url(proposal, "support"))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert Support.objects.count() == 0


@pytest.mark.parametrize(
    ("make_user", "message"),
    [
        (
            lambda summit: unverified_user(),
            "Confirm your e-mail address to take part in the discussion.",
        ),
        (
            blocked_user,
            "The moderators have blocked you from taking part in this summit.",
        ),
    ],
    ids=["unverified", "blocked"],
)
def test_unverified_and_blocked_people_cannot_support(client, proposal, make_user, message):
    client.force_login(make_user(proposal.summit))

    response = client.post(proposal_url(proposal, "support"))

    assert messages_of(response) == [message]
    assert Support.objects.count() == 0
    assert support_count(proposal) == 0


def test_speakers_cannot_support_their_own_proposal(client, call):
    co_speaker = UserFactory()
    proposal = ProposalFactory(summit=call.summit, speakers=[co_speaker])
    for speaker in (proposal.created_by, co_speaker):
        client.force_login(speaker)
        response = client.post(proposal_url(proposal, "support"))
        assert messages_of(response) == ["You cannot support a proposal you speak on."]
    assert Support.objects.count() == 0


def test_speaker_page_says_why_there_is_no_support_button(client, proposal):
    client.force_login(proposal.created_by)

    response = client.get(proposal_url(proposal))

    assert "Speakers cannot support their own proposal" in response.text
    assert "Support this proposal" not in response.text


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.MODERATOR, Role.REVIEWER])
def test_team_members_support_like_anyone(client, proposal, role):
    client.force_login(team_member(proposal.summit, role))

    client.post(proposal_url(proposal, "support"))

    assert support_count(proposal) == 1


def test_per_person_limit_refuses_one_more_support(client, summit, participant):
    CallFactory(summit=summit, max_supports_per_person=2)
    first, second, third = ProposalFactory.create_batch(3, summit=summit)
    client.force_login(participant)
    client.post(proposal_url(first, "support"))
    client.post(proposal_url(second, "support"))

    response = client.post(proposal_url(third, "support"))

    assert messages_of(response) == [
        "You have given all your 2 supports. Withdraw one to support another proposal."
    ]
    assert support_count(third) == 0
    page = client.get(proposal_url(third))
    assert "You have given 2 of your 2 supports." in page.text


def test_withdrawing_a_support_frees_a_place_under_the_limit(client, summit, participant):
    CallFactory(summit=summit, max_supports_per_person=1)
    first, second = ProposalFactory.create_batch(2, summit=summit)
    client.force_login(participant)
    client.post(proposal_url(first, "support"))
    client.post(proposal_url(first, "support/withdraw"))

    client.post(proposal_url(second, "support"))

    assert list(Support.objects.values_list("proposal", flat=True)) == [second.pk]


def test_supports_of_withdrawn_proposals_do_not_count_against_the_limit(summit, participant):
    CallFactory(summit=summit, max_supports_per_person=1)
    gone, kept = ProposalFactory.create_batch(2, summit=summit)
    Support.objects.create(proposal=gone, user=participant)
    gone.state = State.WITHDRAWN
    gone.save(update_fields=["state"])

    support_proposal(kept, by=participant, limit=1)

    assert Support.objects.filter(user=participant).count() == 2


@pytest.mark.parametrize("state", [State.MERGED, State.WITHDRAWN])
def test_closed_proposals_take_no_support(summit, participant, call, state):
    proposal = ProposalFactory(summit=summit, state=state)

    with pytest.raises(ActionRefused) as refused:
        support_proposal(proposal, by=participant)

    assert refused.value.message == "This proposal is closed to supports and comments."


def test_support_address_only_accepts_post(client, proposal, participant):
    client.force_login(participant)

    response = client.get(proposal_url(proposal, "support"))

    assert response.status_code == 405
    assert Support.objects.count() == 0


def test_supporting_a_proposal_that_is_not_public_is_not_found(client, call, participant):
    draft = ProposalFactory(summit=call.summit, state=State.DRAFT)
    client.force_login(participant)

    response = client.post(proposal_url(draft, "support"))

    assert response.status_code == 404
    assert Support.objects.count() == 0


def test_database_refuses_a_second_support_of_the_same_person(proposal, participant):
    Support.objects.create(proposal=proposal, user=participant)

    with pytest.raises(ActionRefused) as refused:
        support_proposal(proposal, by=participant)

    assert refused.value.message == "You already support this proposal."
    assert Support.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_database")
def test_two_supports_sent_at_once_cannot_pass_the_limit_together():
    call = CallFactory(max_supports_per_person=1)
    first, second = ProposalFactory.create_batch(2, summit=call.summit)
    person = UserFactory()

    outcomes = outcomes_of(
        [
            lambda: support_proposal(first, by=person, limit=1),
            lambda: support_proposal(second, by=person, limit=1),
        ],
        refused=ActionRefused,
    )

    assert outcomes == ["done", "refused"]
    assert Support.objects.filter(user=person).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_database")
def test_the_same_support_sent_twice_at_once_is_recorded_once():
    proposal = ProposalFactory(summit=CallFactory().summit)
    person = UserFactory()

    outcomes = outcomes_of(
        [lambda: support_proposal(proposal, by=person)] * 2, refused=ActionRefused
    )

    assert outcomes == ["done", "refused"]
    assert Support.objects.filter(proposal=proposal).count() == 1
    proposal.refresh_from_db()
    assert proposal.supports_count == 1
