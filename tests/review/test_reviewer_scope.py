"""What a reviewer gets: assigned proposals of their tracks, never a conflicted one."""

import pytest
from django.http import Http404

from cosummit.review import domain, queries
from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory, UserFactory
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory, TrackFactory
from tests.review.factories import AssignmentFactory, ReviewerFactory, ReviewerTeamFactory


def test_only_people_with_the_reviewer_role_are_reviewers(summit):
    organiser = TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user
    reviewer = TeamMembershipFactory(summit=summit, role=Role.REVIEWER).user
    assert queries.get_reviewer(organiser, summit) is None
    assert queries.get_reviewer(reviewer, summit).user == reviewer


def test_a_reviewer_sees_only_assigned_proposals(summit):
    reviewer = ReviewerFactory(summit=summit)
    mine = AssignmentFactory(reviewer=reviewer).proposal
    other = ProposalFactory(summit=summit)
    assert list(queries.assigned_proposals(reviewer)) == [mine]
    with pytest.raises(Http404):
        queries.get_proposal_for_reviewer(reviewer, other.pk)


def test_a_team_keeps_its_reviewers_to_its_tracks(summit):
    cso_day, main = TrackFactory(summit=summit), TrackFactory(summit=summit)
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(summit=summit, tracks=[cso_day], members=[reviewer])
    inside = AssignmentFactory(reviewer=reviewer, proposal__track=cso_day).proposal
    outside = AssignmentFactory(reviewer=reviewer, proposal__track=main).proposal
    assert list(queries.assigned_proposals(reviewer)) == [inside]
    with pytest.raises(Http404):
        queries.get_proposal_for_reviewer(reviewer, outside.pk)


def test_a_proposal_of_the_reviewers_own_organisation_is_never_shown(summit):
    reviewer = ReviewerFactory(summit=summit)
    proposal = AssignmentFactory(reviewer=reviewer).proposal
    ProposalOrganisationFactory(proposal=proposal, name=reviewer.user.organisation.upper())
    assert list(queries.assigned_proposals(reviewer)) == []
    with pytest.raises(Http404):
        queries.get_proposal_for_reviewer(reviewer, proposal.pk)


def test_a_co_author_of_a_speaker_is_kept_away(summit):
    reviewer = ReviewerFactory(summit=summit)
    colleague = UserFactory(organisation="Somewhere else")
    ProposalFactory(summit=summit, author=reviewer.user, speakers=[colleague])
    proposal = AssignmentFactory(reviewer=reviewer, proposal__author=colleague).proposal
    assert proposal.pk in queries.conflicted_proposal_ids(reviewer)
    assert list(queries.assigned_proposals(reviewer)) == []


def test_declaring_a_conflict_drops_the_assignment_and_the_review(summit, review_setup):
    reviewer = ReviewerFactory(summit=summit)
    proposal = AssignmentFactory(reviewer=reviewer).proposal
    domain.submit_review(reviewer, proposal, scores={}, abstain=True)
    domain.record_conflict(reviewer, proposal, source="declared", reason="My sister speaks.")
    assert (reviewer.assignments.count(), reviewer.reviews.count()) == (0, 0)
    assert list(queries.assigned_proposals(reviewer)) == []


def test_conveners_decide_only_for_their_tracks_and_organisers_for_all(summit, organiser):
    cso_day = TrackFactory(summit=summit)
    convener = ReviewerFactory(summit=summit)
    plain = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(summit=summit, tracks=[cso_day], members=[convener], can_decide=True)
    assert queries.decision_scope(organiser, summit) is None
    assert queries.decision_scope(convener.user, summit) == {cso_day.pk}
    assert queries.decision_scope(plain.user, summit) == set()
    assert queries.can_decide(plain.user, summit) is False


def test_the_review_is_blind_for_reviewers_but_not_for_organisers(summit, organiser, review_setup):
    reviewer = ReviewerFactory(summit=summit)
    assert queries.is_blind_for(reviewer.user, summit) is True
    assert queries.is_blind_for(organiser, summit) is False


def test_conveners_never_see_or_decide_a_proposal_they_conflict_with(summit):
    cso_day = TrackFactory(summit=summit)
    convener = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(summit=summit, tracks=[cso_day], members=[convener], can_decide=True)
    theirs = ProposalFactory(summit=summit, track=cso_day)
    ProposalOrganisationFactory(proposal=theirs, name=convener.user.organisation)
    other = ProposalFactory(summit=summit, track=cso_day)
    scope = queries.decision_scope(convener.user, summit)
    assert list(queries.in_scope(queries.reviewable_proposals(summit), scope)) == [other]
    with pytest.raises(Http404):
        queries.get_proposal_for_decider(convener.user, summit, theirs.pk)
