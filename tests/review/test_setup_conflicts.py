"""Organisers see the conflicts of interest, found or declared, and record their own."""

import pytest

from cosummit.review.models import Assignment, Conflict, Review
from tests.factories import SummitFactory, UserFactory
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory
from tests.review.factories import (
    AssignmentFactory,
    ReviewerFactory,
    ReviewFactory,
    ReviewSettingsFactory,
)
from tests.review.organiser_helpers import (
    messages_of,
    organise_url,
    organiser_client_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def found_rows(response) -> list[tuple[str, int, str]]:
    return [
        (str(row["reviewer"].user), row["proposal_id"], str(row["reason"]))
        for row in response.context["found"]
    ]


def test_the_page_lists_the_conflicts_found_with_their_reasons(organiser_client, summit):
    ReviewSettingsFactory(summit=summit, conflict_same_country=True)
    ReviewerFactory(
        summit=summit, user=UserFactory(name="Ana", organisation="Etalab", country="CA")
    )
    bea = ReviewerFactory(
        summit=summit, user=UserFactory(name="Bea", organisation="Bea Lab", country="SN")
    )
    colleague = UserFactory(organisation="Bea Lab 2")
    by_etalab = ProposalFactory(summit=summit, author=UserFactory(organisation="ETALAB"))
    by_bea = ProposalFactory(summit=summit, author=bea.user, speakers=[colleague])
    with_colleague = ProposalFactory(summit=summit, author=colleague)
    from_canada = ProposalFactory(summit=summit, author=UserFactory(organisation="X"))
    ProposalOrganisationFactory(proposal=from_canada, name="Open North", country="CA")

    response = organiser_client.get(organise_url(summit, "conflicts/"))

    assert found_rows(response) == [
        ("Ana", by_etalab.pk, "Same organisation as the proposal"),
        ("Ana", from_canada.pk, "Same country as the proposal"),
        ("Bea", by_bea.pk, "Speaks in the proposal"),
        ("Bea", with_colleague.pk, "Proposed another session with one of its speakers"),
    ]


def test_an_organiser_records_a_conflict_which_takes_the_proposal_out_of_the_queue(
    organiser_client,
    summit,
):
    reviewer = ReviewerFactory(summit=summit, user=UserFactory(name="Ana"))
    assignment = AssignmentFactory(reviewer=reviewer)

    response = organiser_client.post(
        organise_url(summit, "conflicts/"),
        {"reviewer": reviewer.pk, "proposal": assignment.proposal_id, "reason": " Former boss "},
        follow=True,
    )

    assert messages_of(response) == [
        f"The conflict of Ana with proposal {assignment.proposal_id} was recorded."
    ]
    assert list(Conflict.objects.values_list("reviewer", "proposal", "source", "reason")) == [
        (reviewer.pk, assignment.proposal_id, "organiser", "Former boss")
    ]
    assert Assignment.objects.count() == 0
    assert [c.pk for c in response.context["recorded"]] == [Conflict.objects.get().pk]


def test_recording_a_conflict_over_a_written_review_needs_a_confirmation(
    organiser_client,
    summit,
):
    review = ReviewFactory(reviewer=ReviewerFactory(summit=summit))
    data = {"reviewer": review.reviewer_id, "proposal": review.proposal_id}

    refused = organiser_client.post(organise_url(summit, "conflicts/"), data)
    kept = (Conflict.objects.count(), Review.objects.count())
    organiser_client.post(organise_url(summit, "conflicts/"), {**data, "confirm": "on"})

    assert refused.context["form"].errors == {
        "confirm": [
            "This reviewer has reviewed the proposal already: recording the conflict deletes "
            "the review. Tick the box to confirm."
        ]
    }
    assert kept == (0, 1)
    assert (Conflict.objects.count(), Review.objects.count()) == (1, 0)


@pytest.mark.parametrize(
    "bad", ["unknown proposal", "draft", "other summit's proposal", "other summit's reviewer"]
)
def test_a_conflict_with_a_bad_reviewer_or_proposal_is_refused(organiser_client, summit, bad):
    reviewer = ReviewerFactory(summit=summit)
    elsewhere = SummitFactory()
    reviewer_pk, proposal_pk = reviewer.pk, ProposalFactory(summit=summit).pk
    if bad == "unknown proposal":
        proposal_pk += 100
    elif bad == "draft":
        proposal_pk = ProposalFactory(summit=summit, state="draft").pk
    elif bad == "other summit's proposal":
        proposal_pk = ProposalFactory(summit=elsewhere).pk
    else:
        reviewer_pk = ReviewerFactory(summit=elsewhere).pk

    response = organiser_client.post(
        organise_url(summit, "conflicts/"), {"reviewer": reviewer_pk, "proposal": proposal_pk}
    )

    expected = (
        {"reviewer": ["Select a valid choice. That choice is not one of the available choices."]}
        if bad == "other summit's reviewer"
        else {"proposal": ["No submitted proposal of this summit has this number."]}
    )
    assert response.context["form"].errors == expected
    assert Conflict.objects.count() == 0


def test_an_organiser_withdraws_a_conflict_recorded_by_organisers_only(organiser_client, summit):
    reviewer = ReviewerFactory(summit=summit)
    recorded = Conflict.objects.create(
        reviewer=reviewer, proposal=ProposalFactory(summit=summit), source="organiser"
    )
    declared = Conflict.objects.create(
        reviewer=reviewer, proposal=ProposalFactory(summit=summit), source="declared"
    )

    withdrawn = organiser_client.post(organise_url(summit, f"conflicts/{recorded.pk}/withdraw/"))
    refused = organiser_client.post(organise_url(summit, f"conflicts/{declared.pk}/withdraw/"))

    assert (withdrawn.status_code, refused.status_code) == (302, 404)
    assert list(Conflict.objects.values_list("pk", flat=True)) == [declared.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_the_conflict_list_takes_the_same_queries_for_one_conflict_or_three(
    organiser_client,
    summit,
    count,
    django_assert_num_queries,
):
    for _ in range(count):
        reviewer = ReviewerFactory(summit=summit)
        ProposalFactory(summit=summit, author=reviewer.user)
        Conflict.objects.create(
            reviewer=reviewer, proposal=ProposalFactory(summit=summit), source="declared"
        )
    organiser_client.get(organise_url(summit, "conflicts/"))

    with django_assert_num_queries(21):
        response = organiser_client.get(organise_url(summit, "conflicts/"))

    assert (len(response.context["found"]), len(response.context["recorded"])) == (count, count)
