"""Running, changing and publishing the assignment against real rows."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from cosummit.review import domain
from cosummit.review.assignment import NoAssignment
from cosummit.review.models import Assignment
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory, TrackFactory
from tests.review.factories import ReviewerFactory, ReviewerTeamFactory, ReviewSettingsFactory


@pytest.fixture
def pool(summit, review_setup):
    """Four reviewers, six proposals in two tracks, two reviews each.

    The first reviewer only reviews the second track; the second reviewer's
    organisation organises the first proposal.
    """
    first_track, second_track = TrackFactory(summit=summit), TrackFactory(summit=summit)
    reviewers = [ReviewerFactory(summit=summit) for _ in range(4)]
    ReviewerTeamFactory(summit=summit, tracks=[second_track], members=[reviewers[0]])
    proposals = [
        ProposalFactory(summit=summit, track=first_track if n < 3 else second_track)
        for n in range(6)
    ]
    ProposalOrganisationFactory(proposal=proposals[0], name=reviewers[1].user.organisation)
    return reviewers, proposals, first_track


def live_pairs(summit) -> set[tuple[int, int]]:
    return set(
        Assignment.objects.filter(reviewer__summit=summit).values_list("reviewer_id", "proposal_id")
    )


def test_the_published_assignment_covers_every_proposal_and_respects_conflicts_and_tracks(
    summit, organiser, pool
):
    reviewers, proposals, first_track = pool
    run = domain.run_assignment(summit, by=organiser)
    assert live_pairs(summit) == set()  # a preview changes nothing live
    assert domain.publish_assignment(run) == (12, 0)
    pairs = live_pairs(summit)
    for proposal in proposals:
        assert len([1 for _r, p in pairs if p == proposal.pk]) == 2
    assert (reviewers[1].pk, proposals[0].pk) not in pairs
    assert not any(
        r == reviewers[0].pk and p in {x.pk for x in proposals if x.track == first_track}
        for r, p in pairs
    )


def test_running_again_keeps_the_reviews_already_written(summit, organiser, pool):
    _reviewers, _proposals, _track = pool
    domain.publish_assignment(domain.run_assignment(summit, by=organiser))
    reviewed = Assignment.objects.filter(reviewer__summit=summit).first()
    domain.submit_review(reviewed.reviewer, reviewed.proposal, scores={}, abstain=True)
    rerun = domain.run_assignment(summit, by=organiser, fairness=True)
    assert [reviewed.reviewer_id, reviewed.proposal_id] in [pair[:2] for pair in rerun.pairs]
    domain.publish_assignment(rerun)
    assert (reviewed.reviewer_id, reviewed.proposal_id) in live_pairs(summit)


def test_a_preview_refuses_a_conflicted_pair_changed_by_hand(summit, organiser, pool):
    reviewers, proposals, _track = pool
    run = domain.run_assignment(summit, by=organiser)
    with pytest.raises(ValidationError) as refused:
        domain.change_preview(run, reviewer=reviewers[1], proposal=proposals[0], add=True)
    assert refused.value.messages == [
        "This reviewer has a conflict of interest with this proposal."
    ]
    removed = run.pairs[0]
    reviewer = next(r for r in reviewers if r.pk == removed[0])
    proposal = next(p for p in proposals if p.pk == removed[1])
    domain.change_preview(run, reviewer=reviewer, proposal=proposal, add=False)
    run.refresh_from_db()
    assert (len(run.pairs), run.is_edited) == (11, True)


def test_too_few_reviewers_for_the_reviews_wanted_is_said_clearly(summit, organiser, pool):
    ReviewSettingsFactory(summit=summit).__class__.objects.filter(summit=summit).update(
        reviews_per_proposal=4
    )
    with pytest.raises(NoAssignment) as refused:
        domain.run_assignment(summit, by=organiser)
    assert refused.value.code == "too_few_reviewers_for_proposal"


def test_publishing_tells_each_reviewer_how_many_proposals_they_got_without_naming_any(
    summit, organiser, pool, mailoutbox
):
    reviewers, proposals, _track = pool
    reviewers[0].user.preferred_language = "en"
    reviewers[0].user.save()
    run = domain.run_assignment(summit, by=organiser)
    got = Counter(reviewer_id for reviewer_id, _proposal, _affinity in run.pairs)

    domain.publish_assignment(run)

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        reviewer.user.email for reviewer in reviewers if got[reviewer.pk]
    )
    first = next(m for m in mailoutbox if m.to == [reviewers[0].user.email])
    count = got[reviewers[0].pk]
    assert first.subject == f"{count} new proposals to review for {summit.name.localize('en')}"
    assert f"/en/{summit.slug}/review/" in first.body
    assert not any(proposal.title in m.body for m in mailoutbox for proposal in proposals)
    french = next(m for m in mailoutbox if m.to == [reviewers[1].user.email])
    assert french.subject.startswith(f"{got[reviewers[1].pk]} nouvelles propositions")


def test_publishing_the_same_assignment_again_writes_to_nobody(summit, organiser, pool, mailoutbox):
    domain.publish_assignment(domain.run_assignment(summit, by=organiser))
    mailoutbox.clear()
    domain.publish_assignment(domain.run_assignment(summit, by=organiser))
    assert mailoutbox == []
