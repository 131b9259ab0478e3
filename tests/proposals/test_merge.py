import pytest

from cosummit.accounts.models import OrganisationType
from cosummit.proposals.discussion import ActionRefused
from cosummit.proposals.models import Follow, ModerationAction, Proposal, Speaker, State, Support
from cosummit.proposals.moderation import merge_proposals
from cosummit.summits.models import Role
from tests.factories import UserFactory
from tests.proposals.discussion_helpers import messages_of, proposal_url, team_member
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ProposalOrganisationFactory,
)

pytestmark = pytest.mark.django_db


def merge_url(summit) -> str:
    return f"/en/organise/{summit.slug}/call/merge/"


@pytest.fixture
def organiser_user(call):
    return team_member(call.summit, Role.ORGANISER)


@pytest.fixture
def target(call):
    proposal = ProposalFactory(summit=call.summit, title="Open budgets in cities")
    ProposalOrganisationFactory(
        proposal=proposal,
        name="Ville de Paris",
        organisation_type=OrganisationType.GOVERNMENT,
        country="FR",
    )
    return proposal


@pytest.fixture
def source(call):
    proposal = ProposalFactory(summit=call.summit, title="Budgets participatifs")
    ProposalOrganisationFactory(
        proposal=proposal,
        name="ville  de PARIS",
        organisation_type=OrganisationType.GOVERNMENT,
        country="FR",
    )
    ProposalOrganisationFactory(
        proposal=proposal,
        name="Open Knowledge",
        organisation_type=OrganisationType.CIVIL_SOCIETY,
        country="DE",
    )
    return proposal


def support(proposal, user):
    Support.objects.create(proposal=proposal, user=user)
    Proposal.objects.filter(pk=proposal.pk).update(
        supports_count=Support.objects.filter(proposal=proposal).count()
    )


def test_speakers_and_organisations_combine_without_duplicates(target, source, organiser_user):
    shared_speaker = UserFactory()
    Speaker.objects.create(proposal=target, user=shared_speaker, position=1)
    Speaker.objects.create(proposal=source, user=shared_speaker, position=1)

    merge_proposals(target, [source], by=organiser_user)

    assert list(
        Speaker.objects.filter(proposal=target).values_list("user", flat=True).order_by("position")
    ) == [target.created_by_id, shared_speaker.pk, source.created_by_id]
    assert list(target.organisations.values_list("name", "organisation_type")) == [
        ("Ville de Paris", OrganisationType.GOVERNMENT),
        ("Open Knowledge", OrganisationType.CIVIL_SOCIETY),
    ]
    target.refresh_from_db()
    assert target.is_co_led is True
    assert "open knowledge" in target.search_text


def test_supports_combine_without_counting_a_person_twice(call, target, source, organiser_user):
    both, only_target, only_source = UserFactory(), UserFactory(), UserFactory()
    third = ProposalFactory(summit=call.summit)
    for user in (both, only_target):
        support(target, user)
    for user in (both, only_source):
        support(source, user)
    support(third, only_source)

    merge_proposals(target, [source, third], by=organiser_user)

    target.refresh_from_db()
    source.refresh_from_db()
    assert sorted(Support.objects.filter(proposal=target).values_list("user", flat=True)) == sorted(
        [both.pk, only_target.pk, only_source.pk]
    )
    assert target.supports_count == 3
    assert (source.supports_count, Support.objects.filter(proposal=source).count()) == (0, 0)


def test_a_source_speaker_who_supported_the_target_no_longer_supports_it(
    target, source, organiser_user
):
    support(target, source.created_by)

    merge_proposals(target, [source], by=organiser_user)

    target.refresh_from_db()
    assert target.supports_count == 0


def test_followers_and_speakers_follow_the_joint_proposal(target, source, organiser_user):
    follower, already = UserFactory(), UserFactory()
    Follow.objects.create(proposal=source, user=follower)
    Follow.objects.create(proposal=source, user=already)
    Follow.objects.create(proposal=target, user=already)

    merge_proposals(target, [source], by=organiser_user)

    assert sorted(Follow.objects.filter(proposal=target).values_list("user", flat=True)) == sorted(
        [follower.pk, already.pk, target.created_by_id, source.created_by_id]
    )
    assert Follow.objects.filter(proposal=source).count() == 0


def test_sources_become_merged_keep_their_comments_and_are_logged(
    client, target, source, organiser_user
):
    CommentFactory(proposal=source, body="Keep this thought")
    earlier = ProposalFactory(summit=target.summit, state=State.MERGED, merged_into=source)

    merge_proposals(target, [source], by=organiser_user)

    source.refresh_from_db()
    earlier.refresh_from_db()
    assert (source.state, source.merged_into) == (State.MERGED, target)
    assert earlier.merged_into == target
    assert source.comments.get().body == "Keep this thought"
    action = ModerationAction.objects.get()
    assert (action.action, action.proposal, action.moderator) == (
        ModerationAction.Action.MERGE,
        source,
        organiser_user,
    )
    assert action.reason == f"Merged into proposal {target.pk}, “Open budgets in cities”."
    joint = client.get(proposal_url(target))
    assert [proposal.pk for proposal in joint.context["merged_from"]] == [source.pk, earlier.pk]
    assert "Keep this thought" in client.get(proposal_url(source)).text


@pytest.mark.parametrize("state", [State.DRAFT, State.WITHDRAWN, State.MERGED])
def test_only_submitted_proposals_merge(target, organiser_user, state):
    other = ProposalFactory(summit=target.summit, state=state)

    with pytest.raises(ActionRefused) as refused:
        merge_proposals(target, [other], by=organiser_user)

    assert refused.value.message == "Only submitted proposals can be merged."


def test_proposals_of_another_summit_do_not_merge(target, organiser_user):
    elsewhere = ProposalFactory()

    with pytest.raises(ActionRefused) as refused:
        merge_proposals(target, [elsewhere], by=organiser_user)

    assert refused.value.message == "Only proposals of the same summit can be merged."


# The organisers' page


def test_organiser_checks_then_confirms_a_merge(client, target, source, organiser_user):
    client.force_login(organiser_user)

    form = client.get(merge_url(target.summit), {"target": target.pk})
    preview = client.post(merge_url(target.summit), {"target": target.pk, "sources": source.pk})

    assert form.context["form"]["target"].value() == str(target.pk)
    assert "Check before merging" in preview.text
    assert "Budgets participatifs" in preview.text
    assert Proposal.objects.get(pk=source.pk).state == State.SUBMITTED

    response = client.post(
        merge_url(target.summit),
        {"target": target.pk, "sources": str(source.pk), "confirm": "on"},
    )

    assert response["Location"] == f"/en/{target.summit.slug}/proposals/{target.pk}/"
    assert messages_of(response) == [f"The proposals were merged into proposal {target.pk}."]
    assert Proposal.objects.get(pk=source.pk).state == State.MERGED


@pytest.mark.parametrize(
    ("sources", "error"),
    [
        ("12, abc", "Write the proposals’ numbers, separated by commas or spaces."),
        ("999999", "These numbers are not submitted proposals of this summit: 999999."),
        ("", "This field is required."),
    ],
)
def test_bad_numbers_are_refused_and_nothing_merges(
    client, target, source, organiser_user, sources, error
):
    client.force_login(organiser_user)

    response = client.post(
        merge_url(target.summit), {"target": target.pk, "sources": sources, "confirm": "on"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"sources": [error]}
    assert ModerationAction.objects.count() == 0


def test_joint_proposal_cannot_be_merged_into_itself(client, target, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        merge_url(target.summit),
        {"target": target.pk, "sources": str(target.pk), "confirm": "on"},
    )

    assert response.context["form"].errors == {
        "sources": ["The joint proposal cannot also be one of the proposals merged."]
    }
    target.refresh_from_db()
    assert target.state == State.SUBMITTED


def test_unknown_joint_proposal_is_refused(client, target, source, organiser_user):
    client.force_login(organiser_user)
    draft = ProposalFactory(summit=target.summit, state=State.DRAFT)

    response = client.post(
        merge_url(target.summit), {"target": draft.pk, "sources": str(source.pk)}
    )

    assert response.context["form"].errors == {
        "target": [f"There is no submitted proposal number {draft.pk} in this summit."]
    }


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.REVIEWER, None])
def test_only_organisers_merge(client, target, source, role):
    user = team_member(target.summit, role) if role else UserFactory()
    client.force_login(user)

    response = client.post(
        merge_url(target.summit),
        {"target": target.pk, "sources": str(source.pk), "confirm": "on"},
    )

    assert response.status_code == 404
    assert Proposal.objects.get(pk=source.pk).state == State.SUBMITTED


def test_organiser_log_page_lists_merges(client, target, source, organiser_user):
    merge_proposals(target, [source], by=organiser_user)
    client.force_login(organiser_user)

    response = client.get(f"/en/organise/{target.summit.slug}/call/moderation-log/")

    assert response.status_code == 200
    assert [entry.action for entry in response.context["page"].object_list] == ["merge"]
    assert "Proposals merged" in response.text


def test_moderators_do_not_reach_the_organiser_log(client, target):
    client.force_login(team_member(target.summit, Role.MODERATOR))

    response = client.get(f"/en/organise/{target.summit.slug}/call/moderation-log/")

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_log_in_to_merge(client, target):
    response = client.get(merge_url(target.summit))

    assert response["Location"].startswith("/en/accounts/login/")
