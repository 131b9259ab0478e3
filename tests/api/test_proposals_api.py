import datetime as dt

import pytest
from django.utils import timezone

from cosummit.accounts.models import OrganisationType
from cosummit.api.domain import create_api_token
from cosummit.proposals.models import Proposal, State
from cosummit.summits.models import Role
from tests.api.helpers import bearer
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.proposals.factories import (
    CallFactory,
    ProposalFactory,
    ProposalOrganisationFactory,
    SessionFormatFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(summit):
    return CallFactory(summit=summit)


def list_url(summit) -> str:
    return f"/api/v1/summits/{summit.slug}/proposals"


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def token_of(user) -> str:
    _token, raw = create_api_token(user, name="My script")
    return raw


def make(summit, title, days_ago=0, **fields):
    fields.setdefault("search_text", title.lower())
    return ProposalFactory(
        summit=summit,
        title=title,
        submitted_at=timezone.now() - dt.timedelta(days=days_ago),
        **fields,
    )


# Public reads


def test_anyone_lists_public_proposals_newest_first(client, call):
    summit = call.summit
    make(summit, "Older", days_ago=2)
    make(summit, "Newer", days_ago=1)
    make(summit, "Draft", state=State.DRAFT)
    make(summit, "Hidden", hidden_at=timezone.now())
    make(summit, "Merged", state=State.MERGED)

    response = client.get(list_url(summit))

    assert response.status_code == 200
    assert titles(response) == ["Newer", "Older"]
    assert response.json()["count"] == 2


def test_list_item_has_the_public_fields_only(client, call):
    proposal = make(call.summit, "Open budgets", answers={"budget": "Secret"}, is_co_led=True)
    ProposalOrganisationFactory(
        proposal=proposal,
        name="Ville de Paris",
        organisation_type=OrganisationType.GOVERNMENT,
        country="FR",
    )

    [item] = client.get(list_url(call.summit)).json()["items"]

    assert set(item) == {
        "id",
        "summit",
        "state",
        "title",
        "abstract",
        "description",
        "language",
        "other_language",
        "other_title",
        "other_abstract",
        "format",
        "track",
        "session_language",
        "organisations",
        "co_led",
        "supports",
        "comments",
        "submitted_at",
        "merged_into",
        "url",
    }
    assert item["organisations"] == [
        {"name": "Ville de Paris", "type": "government", "country": "FR"}
    ]
    assert item["co_led"] is True
    assert item["track"]["slug"] == proposal.track.slug
    assert "Secret" not in str(item)


def test_list_is_filtered_searched_and_sorted_like_the_gallery(client, call):
    summit = call.summit
    workshop = SessionFormatFactory(call=call)
    pitch = SessionFormatFactory(call=call)
    kenyan = make(summit, "Kenyan budgets", supports_count=5, session_language="fr")
    ProposalOrganisationFactory(
        proposal=kenyan, organisation_type=OrganisationType.CIVIL_SOCIETY, country="KE"
    )
    make(summit, "French budgets", supports_count=9, format=pitch)
    make(summit, "Contracts", supports_count=1)
    assert kenyan.format == workshop

    def listed(**parameters):
        return titles(client.get(list_url(summit), parameters))

    assert listed(q="BUDGETS", sort="supported") == ["French budgets", "Kenyan budgets"]
    assert listed(country="ke") == ["Kenyan budgets"]
    assert listed(submitter_type="civil_society") == ["Kenyan budgets"]
    assert listed(language="fr") == ["Kenyan budgets"]
    assert listed(format=pitch.pk) == ["French budgets"]
    assert listed(track="", format="") == ["Contracts", "French budgets", "Kenyan budgets"]


@pytest.mark.parametrize(
    ("parameters", "detail"),
    [
        (
            {"sort": "random"},
            "“sort” is not valid: Input should be 'newest', 'supported' or 'discussed'.",
        ),
        (
            {"submitter_type": "aliens"},
            "“submitter_type” is not valid: Input should be 'government', 'civil_society', "
            "'private_sector', 'academia', 'international', 'media' or 'other'.",
        ),
        ({"q": "x" * 201}, "“q” is not valid: String should have at most 200 characters."),
    ],
)
def test_bad_filters_are_refused(client, call, parameters, detail):
    response = client.get(list_url(call.summit), parameters)

    assert (response.status_code, response.json()["detail"]) == (422, detail)


def test_list_of_an_unpublished_summit_is_not_found(client):
    summit = SummitFactory(is_published=False)

    response = client.get(list_url(summit))

    assert response.status_code == 404
    assert response.json() == {"detail": f"There is no summit “{summit.slug}” that you may see."}


def test_list_is_empty_while_the_discussion_is_not_public(client, summit):
    CallFactory(summit=summit, is_discussion_public=False)
    make(summit, "Not yet")

    assert client.get(list_url(summit)).json()["count"] == 0


def test_anyone_gets_a_public_proposal(client, call):
    proposal = make(call.summit, "Open budgets")

    response = client.get(f"{list_url(call.summit)}/{proposal.pk}")

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["title"]) == (proposal.pk, "Open budgets")


def test_merged_proposal_says_where_it_went(client, call):
    joint = make(call.summit, "Joint")
    merged = make(call.summit, "Merged", state=State.MERGED, merged_into=joint)

    response = client.get(f"{list_url(call.summit)}/{merged.pk}")

    assert (response.json()["state"], response.json()["merged_into"]) == ("merged", joint.pk)


@pytest.mark.parametrize("state", [State.DRAFT, State.WITHDRAWN])
def test_unpublished_proposal_is_not_found(client, call, state):
    proposal = make(call.summit, "Hidden away", state=state)

    response = client.get(f"{list_url(call.summit)}/{proposal.pk}")

    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no proposal number {proposal.pk} that you may see."
    }


def test_speaker_token_gets_their_draft(client, call):
    draft = make(call.summit, "My draft", state=State.DRAFT)

    response = client.get(
        f"{list_url(call.summit)}/{draft.pk}", headers=bearer(token_of(draft.created_by))
    )

    assert (response.status_code, response.json()["state"]) == (200, "draft")


@pytest.mark.parametrize("count", [1, 3])
def test_list_makes_a_constant_number_of_queries(client, call, django_assert_num_queries, count):
    for number in range(count):
        ProposalOrganisationFactory(proposal=make(call.summit, f"Proposal {number}"))

    # Summit, call, count, proposals, organisations.
    with django_assert_num_queries(5):
        response = client.get(list_url(call.summit), {"q": "proposal"})

    assert response.json()["count"] == count


# Authors


def test_author_lists_their_own_proposals_in_every_state(client, call):
    author = UserFactory()
    draft = make(call.summit, "Draft", state=State.DRAFT, author=author)
    submitted = make(call.summit, "Submitted", author=author)
    co_spoken = make(call.summit, "Co-spoken", speakers=[author])
    make(call.summit, "Someone else's")

    response = client.get("/api/v1/me/proposals", headers=bearer(token_of(author)))

    assert [item["id"] for item in response.json()["items"]] == [
        co_spoken.pk,
        submitted.pk,
        draft.pk,
    ]
    assert [item["can_edit"] for item in response.json()["items"]] == [True, True, True]


def test_author_filters_their_proposals_by_summit(client, call):
    author = UserFactory()
    make(call.summit, "Here", author=author)
    make(CallFactory().summit, "Elsewhere", author=author)

    response = client.get(
        "/api/v1/me/proposals", {"summit": call.summit.slug}, headers=bearer(token_of(author))
    )

    assert titles(response) == ["Here"]


def test_my_proposals_need_a_token(client):
    response = client.get("/api/v1/me/proposals")

    assert response.status_code == 401


@pytest.mark.parametrize("count", [1, 3])
def test_my_proposals_make_a_constant_number_of_queries(
    client, call, django_assert_num_queries, count
):
    author = UserFactory()
    for number in range(count):
        make(call.summit, f"Mine {number}", author=author)
    headers = bearer(token_of(author))
    client.get("/api/v1/me/proposals", headers=headers)

    # Token with its owner, count, proposals, organisations.
    # … and the review phases, which tell whether the texts may still change.
    with django_assert_num_queries(5):
        response = client.get("/api/v1/me/proposals", headers=headers)

    assert response.json()["count"] == count


def test_author_changes_the_texts_of_their_proposal(client, call):
    proposal = make(call.summit, "Old title", search_text="old title")

    response = client.patch(
        f"/api/v1/me/proposals/{proposal.pk}",
        {"title": "  Open budgets  ", "description": "**Three** lessons."},
        content_type="application/json",
        headers=bearer(token_of(proposal.created_by)),
    )

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["description"]) == (
        "Open budgets",
        "**Three** lessons.",
    )
    proposal.refresh_from_db()
    assert proposal.title == "Open budgets"
    assert proposal.abstract.startswith("How cities publish their public contracts")
    assert "open budgets" in proposal.search_text


def test_co_speaker_changes_the_texts_too(client, call):
    co_speaker = UserFactory()
    proposal = make(call.summit, "Old", speakers=[co_speaker])

    response = client.patch(
        f"/api/v1/me/proposals/{proposal.pk}",
        {"abstract": "New abstract"},
        content_type="application/json",
        headers=bearer(token_of(co_speaker)),
    )

    assert response.status_code == 200
    assert Proposal.objects.get(pk=proposal.pk).abstract == "New abstract"


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.MODERATOR, None])
def test_nobody_else_changes_a_proposal(client, call, role):
    proposal = make(call.summit, "Untouched")
    user = UserFactory()
    if role:
        TeamMembershipFactory(summit=call.summit, user=user, role=role)
    else:
        make(call.summit, "Their own", author=user)

    response = client.patch(
        f"/api/v1/me/proposals/{proposal.pk}",
        {"title": "Taken over"},
        content_type="application/json",
        headers=bearer(token_of(user)),
    )

    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no proposal number {proposal.pk} on which you speak."
    }
    assert Proposal.objects.get(pk=proposal.pk).title == "Untouched"


def test_texts_cannot_change_after_the_deadline(client, summit):
    call = CallFactory(summit=summit, closes_at=timezone.now() - dt.timedelta(hours=1))
    proposal = make(call.summit, "Frozen")

    response = client.patch(
        f"/api/v1/me/proposals/{proposal.pk}",
        {"title": "Too late"},
        content_type="application/json",
        headers=bearer(token_of(proposal.created_by)),
    )

    assert response.status_code == 409
    assert Proposal.objects.get(pk=proposal.pk).title == "Frozen"


@pytest.mark.parametrize("state", [State.WITHDRAWN, State.MERGED])
def test_withdrawn_and_merged_proposals_cannot_change(client, call, state):
    proposal = make(call.summit, "Closed", state=state)
    headers = bearer(token_of(proposal.created_by))

    response = client.patch(
        f"/api/v1/me/proposals/{proposal.pk}",
        {"title": "Reopened"},
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 409
    assert Proposal.objects.get(pk=proposal.pk).title == "Closed"


@pytest.mark.parametrize(
    ("payload", "status", "detail"),
    [
        ({}, 422, "Send at least one of these fields: title, abstract, description."),
        (
            {"title": "   "},
            422,
            "“payload.title” is not valid: String should have at least 1 character.",
        ),
        (
            {"abstract": "x" * 1501},
            422,
            "“payload.abstract” is not valid: String should have at most 1500 characters.",
        ),
    ],
)
def test_bad_changes_are_refused(client, call, payload, status, detail):
    proposal = make(call.summit, "Kept")

    response = client.patch(
        f"/api/v1/me/proposals/{proposal.pk}",
        payload,
        content_type="application/json",
        headers=bearer(token_of(proposal.created_by)),
    )

    assert (response.status_code, response.json()["detail"]) == (status, detail)
    assert Proposal.objects.get(pk=proposal.pk).title == "Kept"


def test_changing_a_proposal_needs_a_token(client, call):
    proposal = make(call.summit, "Kept")

    response = client.patch(
        f"/api/v1/me/proposals/{proposal.pk}", {"title": "X"}, content_type="application/json"
    )

    assert response.status_code == 401
    assert Proposal.objects.get(pk=proposal.pk).title == "Kept"
