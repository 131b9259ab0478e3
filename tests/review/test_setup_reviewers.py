"""Organisers add reviewers by e-mail, set their loads and remove them, keeping their reviews."""

import pytest

from cosummit.review.models import Assignment, Review, Reviewer
from cosummit.summits.models import Role, TeamMembership
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory
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

pytestmark = pytest.mark.django_db


def reviewer_roles(summit) -> list[str]:
    return list(
        TeamMembership.objects.filter(summit=summit, role=Role.REVIEWER)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


def test_an_organiser_adds_a_reviewer_by_their_e_mail_address(organiser_client, summit):
    person = UserFactory(email="ana@example.org", name="Ana Lima")

    response = organiser_client.post(
        organise_url(summit, "reviewers/"), {"email": "ANA@example.org"}, follow=True
    )

    assert messages_of(response) == ["Ana Lima is now a reviewer."]
    assert reviewer_roles(summit) == ["ana@example.org"]
    assert list(Reviewer.objects.values_list("summit", "user")) == [(summit.pk, person.pk)]
    assert [reviewer.user for reviewer in response.context["reviewers"]] == [person]


@pytest.mark.parametrize(
    ("email", "error"),
    [
        (
            "nobody@example.org",
            "No account uses this e-mail address. Ask the person to sign up first.",
        ),
        (
            "gone@example.org",
            "No account uses this e-mail address. Ask the person to sign up first.",
        ),
        ("already@example.org", "Bea Costa is a reviewer already."),
        ("not an address", "Enter a valid email address."),
        ("", "This field is required."),
    ],
)
def test_a_reviewer_is_not_added_from_a_bad_address(organiser_client, summit, email, error):
    UserFactory(email="gone@example.org", is_active=False)
    ReviewerFactory(summit=summit, user=UserFactory(email="already@example.org", name="Bea Costa"))

    response = organiser_client.post(organise_url(summit, "reviewers/"), {"email": email})

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": [error]}
    assert reviewer_roles(summit) == ["already@example.org"]
    assert Reviewer.objects.count() == 1


def test_an_organiser_sets_a_reviewers_own_loads(organiser_client, summit):
    reviewer = ReviewerFactory(summit=summit)

    response = organiser_client.post(
        organise_url(summit, f"reviewers/{reviewer.pk}/"), {"min_load": "2", "max_load": ""}
    )

    reviewer.refresh_from_db()
    assert response["Location"] == organise_url(summit, "reviewers/")
    assert (reviewer.min_load, reviewer.max_load) == (2, None)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"min_load": "5", "max_load": "4"},
            {"max_load": ["The most proposals cannot be below the fewest."]},
        ),
        (
            {"min_load": "-1", "max_load": ""},
            {"min_load": ["Ensure this value is greater than or equal to 0."]},
        ),
        ({"min_load": "a few", "max_load": ""}, {"min_load": ["Enter a whole number."]}),
    ],
)
def test_bad_loads_are_refused_and_nothing_is_saved(organiser_client, summit, data, errors):
    reviewer = ReviewerFactory(summit=summit, min_load=1, max_load=3)

    response = organiser_client.post(organise_url(summit, f"reviewers/{reviewer.pk}/"), data)

    reviewer.refresh_from_db()
    assert response.context["form"].errors == errors
    assert (reviewer.min_load, reviewer.max_load) == (1, 3)


def test_a_person_without_the_reviewer_role_has_no_loads_page(organiser_client, summit):
    former = Reviewer.objects.create(summit=summit, user=UserFactory())

    response = organiser_client.get(organise_url(summit, f"reviewers/{former.pk}/"))

    assert response.status_code == 404


@pytest.fixture
def busy_reviewer(summit):
    """A reviewer in a team, with two proposals of which they reviewed one."""
    reviewer = ReviewerFactory(summit=summit, user=UserFactory(name="Chen Wei"))
    team = ReviewerTeamFactory(summit=summit, members=[reviewer])
    reviewed, pending = ProposalFactory(summit=summit), ProposalFactory(summit=summit)
    AssignmentFactory(reviewer=reviewer, proposal=reviewed)
    AssignmentFactory(reviewer=reviewer, proposal=pending)
    review = ReviewFactory(reviewer=reviewer, proposal=reviewed)
    return reviewer, team, review


def test_removing_a_reviewer_says_what_happens_to_their_reviews(
    organiser_client,
    summit,
    busy_reviewer,
):
    reviewer, _team, _review = busy_reviewer

    html = organiser_client.get(organise_url(summit, f"reviewers/{reviewer.pk}/remove/")).text

    assert "Remove Chen Wei from the reviewers?" in html
    assert "The 1 reviews they wrote are kept and still count." in html
    assert "1 proposals they have not reviewed yet leave their queue." in html


def test_a_removed_reviewer_keeps_their_reviews_and_loses_the_rest(
    organiser_client,
    summit,
    busy_reviewer,
):
    reviewer, team, review = busy_reviewer

    response = organiser_client.post(
        organise_url(summit, f"reviewers/{reviewer.pk}/remove/"), follow=True
    )

    assert messages_of(response) == [
        "Chen Wei is no longer a reviewer: 1 reviews kept, 1 proposals taken out of their queue."
    ]
    assert reviewer_roles(summit) == []
    assert list(Review.objects.values_list("pk", flat=True)) == [review.pk]
    assert list(Assignment.objects.values_list("proposal", flat=True)) == [review.proposal_id]
    assert list(team.members.all()) == []
    assert response.context["reviewers"] == []


def test_a_reviewer_added_again_finds_their_reviews(organiser_client, summit, busy_reviewer):
    reviewer, _team, _review = busy_reviewer
    organiser_client.post(organise_url(summit, f"reviewers/{reviewer.pk}/remove/"))

    response = organiser_client.post(
        organise_url(summit, "reviewers/"), {"email": reviewer.user.email}, follow=True
    )

    assert [(r.pk, r.reviewed) for r in response.context["reviewers"]] == [(reviewer.pk, 1)]


def test_the_list_shows_teams_loads_and_progress(organiser_client, summit, busy_reviewer):
    reviewer, team, _review = busy_reviewer
    reviewer.max_load = 7
    reviewer.save()

    response = organiser_client.get(organise_url(summit, "reviewers/"))

    listed = response.context["reviewers"]
    assert [(r.user.name, r.assigned, r.reviewed, r.max_load) for r in listed] == [
        ("Chen Wei", 2, 1, 7)
    ]
    assert f'<span lang="en">{team.name["en"]}</span>' in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_the_reviewer_list_takes_the_same_queries_for_one_reviewer_or_three(
    organiser_client,
    summit,
    count,
    django_assert_num_queries,
):
    for _ in range(count):
        reviewer = ReviewerFactory(summit=summit)
        ReviewerTeamFactory(summit=summit, members=[reviewer])
        AssignmentFactory(reviewer=reviewer)
        ReviewFactory(reviewer=reviewer)
    organiser_client.get(organise_url(summit, "reviewers/"))

    with django_assert_num_queries(9):
        response = organiser_client.get(organise_url(summit, "reviewers/"))

    assert len(response.context["reviewers"]) == count
