"""Organisers run the assignment, check and change the preview, publish it, and change the
live assignments by hand, all through the pages."""

import pytest

from cosummit.review.assignment import NoAssignment
from cosummit.review.models import Assignment, AssignmentRun, Review
from cosummit.review.organiser_assignment_views import no_assignment_message
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory, TrackFactory
from tests.review.factories import (
    AssignmentFactory,
    ReviewerFactory,
    ReviewerTeamFactory,
    ReviewFactory,
)
from tests.review.organiser_helpers import (
    messages_of,
    organise_url,
    organiser_client_fixture,  # noqa: F401
)

# Runs are jobs that start once the request's transaction commits: these
# tests commit, as the site does, so that the job runs inside the request
# (the immediate task backend of tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pool(summit, review_setup):
    """Four reviewers, six proposals in two tracks, two reviews each (`review_setup`).

    Ana only reviews the second track; Bea's organisation organises the first proposal.
    """
    first_track, second_track = TrackFactory(summit=summit), TrackFactory(summit=summit)
    reviewers = [
        ReviewerFactory(summit=summit, user__name=name) for name in ("Ana", "Bea", "Chen", "Dev")
    ]
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


def run_and_publish(client, summit, *, fairness=False):
    client.post(
        organise_url(summit, "assignment/run/"), {"fairness": "on"} if fairness else {}, follow=True
    )
    run = AssignmentRun.objects.filter(summit=summit).first()
    return client.post(organise_url(summit, "assignment/publish/"), {"run": run.pk}, follow=True)


def test_the_published_assignment_respects_coverage_conflicts_and_tracks(
    organiser_client,
    summit,
    pool,
):
    reviewers, proposals, first_track = pool

    ran = organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)
    run = AssignmentRun.objects.get(summit=summit)
    live_before_publishing = live_pairs(summit)
    published = organiser_client.post(
        organise_url(summit, "assignment/publish/"), {"run": run.pk}, follow=True
    )

    pairs = live_pairs(summit)
    assert messages_of(ran) == [
        f"The assignment is ready to check: 12 reviews, total affinity {run.total_affinity:.2f}. "
        "Nothing changes for reviewers until you publish it."
    ]
    assert live_before_publishing == set()
    assert messages_of(published) == ["The assignment is published: 12 added, 0 removed."]
    assert published.redirect_chain == [(organise_url(summit, "assignments/"), 302)]
    assert pairs == {(reviewer, proposal) for reviewer, proposal, _affinity in run.pairs}
    assert (
        sorted(sum(1 for _r, p in pairs if p == proposal.pk) for proposal in proposals) == [2] * 6
    )
    assert (reviewers[1].pk, proposals[0].pk) not in pairs
    first_track_proposals = {proposal.pk for proposal in proposals if proposal.track == first_track}
    assert {p for r, p in pairs if r == reviewers[0].pk} & first_track_proposals == set()


def test_running_again_keeps_a_pair_already_reviewed(organiser_client, summit, pool):
    run_and_publish(organiser_client, summit)
    reviewed = Assignment.objects.filter(reviewer__summit=summit).order_by("pk").first()
    ReviewFactory(reviewer=reviewed.reviewer, proposal=reviewed.proposal)

    published = run_and_publish(organiser_client, summit, fairness=True)

    rerun = AssignmentRun.objects.filter(summit=summit).first()
    assert rerun.fairness is True
    assert (reviewed.reviewer_id, reviewed.proposal_id) in live_pairs(summit)
    assert Review.objects.count() == 1
    assert messages_of(published)[0].startswith("The assignment is published: ")


def test_the_preview_shows_the_runs_figures_and_every_proposals_reviewers(
    organiser_client,
    summit,
    pool,
):
    _reviewers, proposals, _track = pool
    organiser_client.post(organise_url(summit, "assignment/run/"))
    run = AssignmentRun.objects.get(summit=summit)

    response = organiser_client.get(organise_url(summit, "assignment/"))

    assert response.context["preview"] == run
    assert [row["proposal"] for row in response.context["rows"]] == proposals
    assert [len(row["pairs"]) for row in response.context["rows"]] == [2] * 6
    assert sum(load["count"] for load in response.context["reviewer_loads"]) == 12
    assert [str(load["reviewer"].user) for load in response.context["reviewer_loads"]] == [
        "Ana",
        "Bea",
        "Chen",
        "Dev",
    ]
    assert f"<dt>Total affinity</dt><dd>{run.total_affinity:.2f}</dd>" in response.text
    assert "<dt>Proven optimal</dt><dd>yes</dd>" in response.text
    assert Assignment.objects.count() == 0


def test_organisers_see_reviewers_names_even_in_a_blind_review(
    organiser_client,
    summit,
    pool,
    review_setup,
):
    settings, _phase, _criteria = review_setup
    assert settings.is_blind is True
    organiser_client.post(organise_url(summit, "assignment/run/"))

    html = organiser_client.get(organise_url(summit, "assignment/")).text

    assert all(f"<li>{name} (" in html for name in ("Ana", "Bea", "Chen", "Dev"))


def test_too_many_reviews_per_proposal_names_the_proposal_short_of_reviewers(
    organiser_client,
    summit,
    pool,
    review_setup,
):
    _reviewers, proposals, _track = pool
    settings, _phase, _criteria = review_setup
    settings.reviews_per_proposal = 3
    settings.save()

    response = organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)

    assert messages_of(response) == [
        f"Proposal {proposals[0].pk} needs 3 reviewers, but only 2 may review it: the others "
        "have a conflict of interest with it, review other tracks or have no room. Add "
        "reviewers or lower the reviews per proposal."
    ]
    assert AssignmentRun.objects.count() == 0


def test_loads_too_small_for_the_reviews_are_explained(
    organiser_client, summit, pool, review_setup
):
    settings, _phase, _criteria = review_setup
    settings.max_load = 2
    settings.save()

    response = organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)

    assert messages_of(response) == [
        "The proposals need 12 reviews, but the reviewers may take only 8 in all. "
        "Raise the most proposals per reviewer or add reviewers."
    ]
    assert AssignmentRun.objects.count() == 0


def test_a_reviewer_whose_fewest_proposals_cannot_be_met_is_named(
    organiser_client,
    summit,
    pool,
):
    reviewers, _proposals, _track = pool
    reviewers[0].min_load = 4
    reviewers[0].save()

    response = organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)

    assert messages_of(response) == [
        "Ana must review at least 4 proposals, but only 3 can be given to them. "
        "Lower their fewest proposals."
    ]


def test_nothing_is_run_without_proposals_or_reviewers(organiser_client, summit, review_setup):
    without_proposals = organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)
    ProposalFactory(summit=summit)
    without_reviewers = organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)

    assert messages_of(without_proposals) == [
        "No proposal is submitted yet: there is nothing to assign."
    ]
    assert messages_of(without_reviewers) == [
        "The summit has no reviewer yet: add reviewers first."
    ]
    assert AssignmentRun.objects.count() == 0


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "infeasible",
            "No assignment meets every load, conflict of interest and track at once, although "
            "each can be met alone. Loosen the loads or add reviewers.",
        ),
        (
            "a_code_not_known_yet",
            "No assignment meets the review’s rules. Check the loads, the reviews per proposal "
            "and the conflicts of interest.",
        ),
    ],
)
def test_every_reason_for_no_assignment_has_a_message(summit, code, message):
    assert no_assignment_message(summit, NoAssignment(code, "In English.")) == message


def test_several_proposals_short_of_reviewers_are_counted(summit, pool):
    _reviewers, proposals, _track = pool
    error = NoAssignment(
        "too_few_reviewers_for_proposal",
        "In English.",
        {
            "proposal": proposals[2].pk,
            "needed": 4,
            "eligible": 3,
            "proposals": [proposals[2].pk, proposals[3].pk, proposals[4].pk],
        },
    )

    assert no_assignment_message(summit, error) == (
        f"3 proposals lack reviewers. The first, proposal {proposals[2].pk}, needs 4 reviewers, "
        "but only 3 may review it: the others have a conflict of interest with it, review "
        "other tracks or have no room. Add reviewers or lower the reviews per proposal."
    )


def test_an_organiser_takes_a_reviewer_out_of_the_preview(organiser_client, summit, pool):
    organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)
    run = AssignmentRun.objects.get(summit=summit)
    reviewer_pk, proposal_pk, _affinity = run.pairs[0]

    response = organiser_client.post(
        organise_url(summit, "assignment/change/"),
        {"reviewer": reviewer_pk, "proposal": proposal_pk, "action": "remove", "page": "1"},
        follow=True,
    )

    run.refresh_from_db()
    assert messages_of(response)[0].endswith(f"no longer reviews proposal {proposal_pk}.")
    assert (len(run.pairs), run.is_edited) == (11, True)
    assert [reviewer_pk, proposal_pk] not in [pair[:2] for pair in run.pairs]


def test_a_conflicted_pair_is_refused_in_the_preview(organiser_client, summit, pool):
    reviewers, proposals, _track = pool
    organiser_client.post(organise_url(summit, "assignment/run/"))
    run = AssignmentRun.objects.get(summit=summit)

    response = organiser_client.post(
        organise_url(summit, "assignment/change/"),
        {"reviewer": reviewers[1].pk, "proposal": proposals[0].pk, "action": "add"},
    )

    assert response.status_code == 200
    assert response.context["pair_form"].errors == {
        "__all__": ["This reviewer has a conflict of interest with this proposal."]
    }
    assert AssignmentRun.objects.get().pairs == run.pairs


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"proposal": "999999", "action": "add"},
            {"proposal": ["No submitted proposal of this summit has this number."]},
        ),
        ({"proposal": "", "action": "add"}, {"proposal": ["This field is required."]}),
        (
            {"action": "swap"},
            {"action": ["Select a valid choice. swap is not one of the available choices."]},
        ),
    ],
)
def test_a_bad_change_to_the_preview_is_refused(organiser_client, summit, pool, data, errors):
    reviewers, proposals, _track = pool
    organiser_client.post(organise_url(summit, "assignment/run/"))
    run = AssignmentRun.objects.get(summit=summit)

    response = organiser_client.post(
        organise_url(summit, "assignment/change/"),
        {"reviewer": reviewers[2].pk, "proposal": proposals[3].pk, **data},
    )

    assert response.context["pair_form"].errors == errors
    assert AssignmentRun.objects.get().pairs == run.pairs


def test_an_older_preview_is_not_published(organiser_client, summit, pool):
    organiser_client.post(organise_url(summit, "assignment/run/"))
    older = AssignmentRun.objects.get(summit=summit)
    organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)

    response = organiser_client.post(
        organise_url(summit, "assignment/publish/"), {"run": older.pk}, follow=True
    )

    assert messages_of(response) == [
        "This preview is no longer the latest one: check the new one before publishing."
    ]
    assert (
        Assignment.objects.count(),
        AssignmentRun.objects.filter(published_at=None).count(),
    ) == (
        0,
        2,
    )


def test_a_publish_request_without_a_run_number_publishes_nothing(
    organiser_client,
    summit,
    pool,
):
    organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)

    response = organiser_client.post(
        organise_url(summit, "assignment/publish/"), {"run": "latest"}, follow=True
    )

    assert messages_of(response) == [
        "This preview is no longer the latest one: check the new one before publishing."
    ]
    assert (Assignment.objects.count(), AssignmentRun.objects.get().published_at) == (0, None)


def test_a_change_brings_the_organiser_back_to_the_same_page_of_the_table(
    organiser_client,
    summit,
    pool,
):
    organiser_client.post(organise_url(summit, "assignment/run/"), follow=True)
    reviewer_pk, proposal_pk, _affinity = AssignmentRun.objects.get().pairs[0]

    response = organiser_client.post(
        organise_url(summit, "assignment/change/"),
        {"reviewer": reviewer_pk, "proposal": proposal_pk, "action": "remove", "page": "2"},
    )

    assert response["Location"] == organise_url(summit, "assignment/?page=2")


def test_a_published_run_is_not_changed_as_a_preview(organiser_client, summit, pool):
    reviewers, proposals, _track = pool
    run_and_publish(organiser_client, summit)

    response = organiser_client.post(
        organise_url(summit, "assignment/change/"),
        {"reviewer": reviewers[2].pk, "proposal": proposals[3].pk, "action": "add"},
        follow=True,
    )

    assert messages_of(response) == ["There is no unpublished assignment to change: run it first."]
    assert "The latest assignment is published." in response.text


def test_an_organiser_assigns_and_unassigns_by_hand_after_publishing(
    organiser_client,
    summit,
    pool,
):
    reviewers, proposals, _track = pool
    run_and_publish(organiser_client, summit)
    free = next(
        (reviewer, proposal)
        for reviewer in reviewers[2:]
        for proposal in proposals
        if (reviewer.pk, proposal.pk) not in live_pairs(summit)
    )
    taken = Assignment.objects.filter(reviewer__summit=summit).order_by("pk").first()

    added = organiser_client.post(
        organise_url(summit, "assignments/change/"),
        {"reviewer": free[0].pk, "proposal": free[1].pk, "action": "add"},
        follow=True,
    )
    removed = organiser_client.post(
        organise_url(summit, "assignments/change/"),
        {"reviewer": taken.reviewer_id, "proposal": taken.proposal_id, "action": "remove"},
        follow=True,
    )

    assert messages_of(added) == [
        f"{free[0].user} now reviews proposal {free[1].pk}.",
    ]
    assert messages_of(removed) == [
        f"{taken.reviewer.user} no longer reviews proposal {taken.proposal_id}.",
    ]
    assert Assignment.objects.get(reviewer=free[0], proposal=free[1]).is_manual is True
    assert not Assignment.objects.filter(pk=taken.pk).exists()


@pytest.mark.parametrize("case", ["reviewed", "conflict", "out of track"])
def test_a_live_change_that_breaks_a_rule_is_refused(organiser_client, summit, pool, case):
    reviewers, proposals, _first_track = pool
    run_and_publish(organiser_client, summit)
    reviewed = Assignment.objects.filter(reviewer__summit=summit).order_by("pk").first()
    ReviewFactory(reviewer=reviewed.reviewer, proposal=reviewed.proposal)
    data, error = {
        "reviewed": (
            {
                "reviewer": reviewed.reviewer_id,
                "proposal": reviewed.proposal_id,
                "action": "remove",
            },
            "This reviewer has reviewed the proposal already.",
        ),
        "conflict": (
            {"reviewer": reviewers[1].pk, "proposal": proposals[0].pk, "action": "add"},
            "This reviewer has a conflict of interest with this proposal.",
        ),
        "out of track": (
            {"reviewer": reviewers[0].pk, "proposal": proposals[1].pk, "action": "add"},
            "This reviewer does not review this proposal’s track.",
        ),
    }[case]
    before = live_pairs(summit)

    response = organiser_client.post(organise_url(summit, "assignments/change/"), data)

    assert response.context["pair_form"].errors == {"__all__": [error]}
    assert live_pairs(summit) == before


def test_the_live_page_marks_reviewed_pairs(organiser_client, summit):
    reviewer = ReviewerFactory(summit=summit, user=UserFactory(name="Ana"))
    assignment = AssignmentFactory(reviewer=reviewer)
    ReviewFactory(reviewer=reviewer, proposal=assignment.proposal)

    response = organiser_client.get(organise_url(summit, "assignments/"))

    assert [
        [(str(pair["reviewer"].user), pair["reviewed"]) for pair in row["pairs"]]
        for row in response.context["rows"]
    ] == [[("Ana", True)]]
    assert '<li>Ana\n          <span class="badge">reviewed</span>' in response.text


def build_assigned(summit, count: int) -> None:
    """`count` proposals, each with two assigned reviewers, one of whom reviewed it."""
    for _ in range(count):
        proposal = ProposalFactory(summit=summit)
        first, second = ReviewerFactory(summit=summit), ReviewerFactory(summit=summit)
        AssignmentFactory(reviewer=first, proposal=proposal)
        AssignmentFactory(reviewer=second, proposal=proposal)
        ReviewFactory(reviewer=first, proposal=proposal)


@pytest.mark.parametrize("count", [1, 3])
def test_the_live_page_takes_the_same_queries_for_one_proposal_or_three(
    organiser_client,
    summit,
    count,
    django_assert_num_queries,
):
    build_assigned(summit, count)
    organiser_client.get(organise_url(summit, "assignments/"))

    with django_assert_num_queries(13):
        response = organiser_client.get(organise_url(summit, "assignments/"))

    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_preview_takes_the_same_queries_for_one_proposal_or_three(
    organiser_client,
    summit,
    review_setup,
    count,
    django_assert_num_queries,
):
    build_assigned(summit, count)
    organiser_client.post(organise_url(summit, "assignment/run/"))
    organiser_client.get(organise_url(summit, "assignment/"))

    # … and the latest assignment job, to follow it while it runs.
    with django_assert_num_queries(15):
        response = organiser_client.get(organise_url(summit, "assignment/"))

    assert len(response.context["rows"]) == count
