import pytest
from django.utils import timezone

from cosummit.accounts.models import OrganisationType
from cosummit.proposals.models import State
from cosummit.summits.models import Role
from tests.factories import UserFactory
from tests.proposals.discussion_helpers import proposal_url, team_member
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ProposalOrganisationFactory,
    SupportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(call):
    author = UserFactory(name="Léa Martin", organisation="Ville de Paris", email="lea@example.org")
    proposal = ProposalFactory(
        summit=call.summit,
        author=author,
        title="Open contracting in practice",
        abstract="How cities publish contracts.",
        language="en",
        other_language="fr",
        other_title="La commande publique ouverte",
        other_abstract="Comment les villes publient leurs contrats.",
        description="We share **three** lessons. <script>alert(1)</script>",
        is_co_led=True,
        answers={"budget": "Confidential budget answer"},
    )
    ProposalOrganisationFactory(
        proposal=proposal,
        name="Ville de Paris",
        organisation_type=OrganisationType.GOVERNMENT,
        country="FR",
    )
    ProposalOrganisationFactory(
        proposal=proposal,
        name="Open Data Kenya",
        organisation_type=OrganisationType.CIVIL_SOCIETY,
        country="KE",
    )
    return proposal


def test_page_shows_speakers_and_organisations_without_e_mail_addresses(client, proposal):
    response = client.get(proposal_url(proposal))

    assert response.status_code == 200
    assert "Léa Martin · Ville de Paris" in response.text
    assert "Ville de Paris · Government · France" in response.text
    assert "Open Data Kenya · Civil society · Kenya" in response.text
    assert "Co-led by government and civil society" in response.text
    assert "lea@example.org" not in response.text


def test_answers_to_the_organisers_questions_stay_private(client, proposal):
    response = client.get(proposal_url(proposal))

    assert "Confidential budget answer" not in response.text


def test_english_reader_gets_the_original_and_its_language(client, proposal):
    response = client.get(proposal_url(proposal))

    assert '<h1 id="proposal-title" lang="en">Open contracting in practice</h1>' in response.text
    assert "Written in English." in response.text


def test_french_reader_gets_the_authors_french_text_and_a_note_on_the_original(client, proposal):
    response = client.get(proposal_url(proposal, language="fr"))

    assert '<h1 id="proposal-title" lang="fr">La commande publique ouverte</h1>' in response.text
    assert "Comment les villes publient leurs contrats." in response.text
    assert "l'original est en anglais." in response.text
    assert "Open contracting in practice" in response.text


def test_description_is_sanitised_markdown(client, proposal):
    response = client.get(proposal_url(proposal))

    assert "We share <strong>three</strong> lessons." in response.text
    assert "<script>alert(1)" not in response.text


def test_merged_proposal_leads_to_the_joint_proposal(client, call):
    joint = ProposalFactory(summit=call.summit, title="Joint session")
    merged = ProposalFactory(
        summit=call.summit, state=State.MERGED, merged_into=joint, title="Small session"
    )
    CommentFactory(proposal=merged, body="An old remark")

    response = client.get(proposal_url(merged))

    assert response.status_code == 200
    assert (
        f'This proposal was merged into the joint proposal <a href="{proposal_url(joint)}">'
        "Joint session</a>."
    ) in response.text
    assert "An old remark" in response.text
    assert "Publish the comment" not in response.text


def test_joint_proposal_lists_what_was_merged_into_it(client, call):
    joint = ProposalFactory(summit=call.summit)
    merged = ProposalFactory(
        summit=call.summit,
        state=State.MERGED,
        merged_into=joint,
        title="Small session",
        comments_count=2,
    )

    response = client.get(proposal_url(joint))

    assert f'<a href="{proposal_url(merged)}#discussion">Small session</a> (2 comments)' in (
        response.text
    )


@pytest.mark.parametrize("state", [State.DRAFT, State.WITHDRAWN])
def test_drafts_and_withdrawn_proposals_are_not_found_by_visitors(client, call, state):
    proposal = ProposalFactory(summit=call.summit, state=state)

    assert client.get(proposal_url(proposal)).status_code == 404


def test_speaker_reads_their_draft_without_a_discussion(client, call):
    draft = ProposalFactory(summit=call.summit, state=State.DRAFT)
    client.force_login(draft.created_by)

    response = client.get(proposal_url(draft))

    assert "This proposal is a draft: only its speakers can see it." in response.text
    assert 'id="discussion"' not in response.text


def test_hidden_proposal_is_not_found_by_visitors_but_shown_to_moderators(client, call):
    proposal = ProposalFactory(summit=call.summit, hidden_at=timezone.now())
    assert client.get(proposal_url(proposal)).status_code == 404

    client.force_login(team_member(call.summit, Role.MODERATOR))
    response = client.get(proposal_url(proposal))

    assert "This proposal is hidden by the moderators" in response.text


def test_proposals_are_not_found_while_the_discussion_is_not_public(client, call, proposal):
    call.is_discussion_public = False
    call.save(update_fields=["is_discussion_public"])

    assert client.get(proposal_url(proposal)).status_code == 404


def test_unknown_proposal_is_not_found(client, call):
    assert client.get(f"/en/{call.summit.slug}/proposals/999999/").status_code == 404


def test_anonymous_visitor_is_invited_to_log_in(client, proposal):
    response = client.get(proposal_url(proposal))

    assert "Log in to support, follow or discuss this proposal." in response.text
    assert "Support this proposal" not in response.text


def test_organiser_is_offered_to_merge_into_this_proposal(client, proposal):
    client.force_login(team_member(proposal.summit, Role.ORGANISER))

    response = client.get(proposal_url(proposal))

    assert f"/call/merge/?target={proposal.pk}" in response.text
    assert "Moderation queue" in response.text


def test_moderator_is_not_offered_to_merge(client, proposal):
    client.force_login(team_member(proposal.summit, Role.MODERATOR))

    response = client.get(proposal_url(proposal))

    assert "/call/merge/" not in response.text
    assert "Moderation queue" in response.text


def _busy(proposal, count):
    for _ in range(count):
        parent = CommentFactory(proposal=proposal)
        CommentFactory(proposal=proposal, parent=parent)
        SupportFactory(proposal=proposal)
    ProposalFactory(summit=proposal.summit, state=State.MERGED, merged_into=proposal)


@pytest.mark.parametrize("count", [1, 3])
def test_page_makes_a_constant_number_of_queries_for_visitors(
    client, proposal, django_assert_num_queries, count
):
    _busy(proposal, count)

    # Summit, proposal, call (visibility), call (rules), speakers, conversations
    # counted, their numbers, their comments, organisations, merged proposals.
    with django_assert_num_queries(10):
        response = client.get(proposal_url(proposal))

    assert len(response.context["comments"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_page_makes_a_constant_number_of_queries_for_participants(
    client, proposal, participant, django_assert_num_queries, count
):
    _busy(proposal, count)
    proposal.summit.call.max_supports_per_person = 5
    proposal.summit.call.save(update_fields=["max_supports_per_person"])
    client.force_login(participant)
    client.get(proposal_url(proposal))

    # Session, user, summit, speaker check and team roles, proposal, call (visibility),
    # call (rules), speakers, e-mail verified, blocked, support, follow, supports
    # given, conversations counted, their numbers, their comments, organisations,
    # merged proposals.
    with django_assert_num_queries(19):
        response = client.get(proposal_url(proposal))

    assert len(response.context["comments"]) == count
