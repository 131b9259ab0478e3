"""Challenges: proposed by verified people, published once an organiser approves them."""

import pytest
from django.core import mail

from cosummit.hackathon.models import Challenge, ChallengeState
from tests.hackathon.conftest import base, logged_in, organise
from tests.hackathon.factories import ChallengeFactory

PROPOSAL = {
    "title_fr": "Ouvrir les données de l'eau",
    "title_en": "Open water data",
    "description_fr": "Les relevés sont **fermés**.",
    "description_en": "The readings are **closed**.",
    "links": "Water readings | https://data.example.org/water\nhttps://example.org/api",
    "organisation_name": "Régie des eaux",
    "organisation_type": "government",
    "organisation_country": "SN",
}


def test_the_list_shows_published_challenges_only(client, hackathon):
    published = ChallengeFactory(event=hackathon, title={"en": "Published one"})
    ChallengeFactory(event=hackathon, state=ChallengeState.PENDING)
    ChallengeFactory(event=hackathon, state=ChallengeState.REJECTED)

    response = client.get(f"{base(hackathon)}challenges/")

    assert response.status_code == 200
    assert response.context["challenges"] == [published]
    assert "Published one" in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_makes_a_constant_number_of_queries(
    client, hackathon, django_assert_num_queries, count
):
    ChallengeFactory.create_batch(count, event=hackathon)

    # The summit, the event with its settings, the challenges.
    with django_assert_num_queries(3):
        response = client.get(f"{base(hackathon)}challenges/")

    assert len(response.context["challenges"]) == count


def test_a_verified_person_proposes_a_challenge_that_awaits_approval(hackathon, unregistered):
    response = logged_in(unregistered).post(f"{base(hackathon)}challenges/propose/", PROPOSAL)

    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{base(hackathon)}challenges/{challenge.pk}/"
    assert (challenge.state, challenge.proposed_by, challenge.organisation_country.code) == (
        ChallengeState.PENDING,
        unregistered,
        "SN",
    )
    assert dict(challenge.title) == {"fr": "Ouvrir les données de l'eau", "en": "Open water data"}
    assert challenge.links == [
        {"title": "Water readings", "url": "https://data.example.org/water"},
        {"title": "https://example.org/api", "url": "https://example.org/api"},
    ]


def test_anonymous_visitors_are_sent_to_log_in_to_propose(client, hackathon):
    response = client.post(f"{base(hackathon)}challenges/propose/", PROPOSAL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert Challenge.objects.count() == 0


def test_an_unverified_person_cannot_propose(hackathon, unverified):
    response = logged_in(unverified).post(f"{base(hackathon)}challenges/propose/", PROPOSAL)

    assert response.status_code == 403
    assert "Verify your e-mail address first" in response.text
    assert Challenge.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        (
            {"links": "Water | javascript:alert(1)"},
            "links",
            "Line 1: “javascript:alert(1)” is not a web address starting with http:// or https://.",
        ),
        (
            {"links": "Ok | https://example.org\nBad | data.example.org"},
            "links",
            "Line 2: “data.example.org” is not a web address starting with http:// or https://.",
        ),
        ({"title_fr": "", "title_en": ""}, "title", "Fill this in, in at least one language."),
        ({"organisation_type": "guild"}, "organisation_type", None),
        ({"organisation_country": "XX"}, "organisation_country", None),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    hackathon, unregistered, changes, field, error
):
    response = logged_in(unregistered).post(
        f"{base(hackathon)}challenges/propose/", PROPOSAL | changes
    )

    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert len(errors) == 1
    if error is not None:
        assert errors == [error]
    assert Challenge.objects.count() == 0


def test_a_pending_challenge_is_seen_by_its_proposer_and_organisers_only(
    client, hackathon, unregistered, registered, organiser
):
    challenge = ChallengeFactory(
        event=hackathon, state=ChallengeState.PENDING, proposed_by=unregistered
    )
    url = f"{base(hackathon)}challenges/{challenge.pk}/"

    assert client.get(url).status_code == 404
    assert logged_in(registered).get(url).status_code == 404
    assert logged_in(unregistered).get(url).status_code == 200
    assert logged_in(organiser).get(url).status_code == 200


def test_a_published_challenge_shows_its_problem_links_and_organisation(client, challenge):
    response = client.get(f"{base(challenge.event)}challenges/{challenge.pk}/")

    assert response.status_code == 200
    assert "The city's <strong>contracts</strong> are published as PDF files." in response.text
    assert '<a href="https://data.example.org/contracts" rel="nofollow noopener">' in response.text
    assert "Ville de Nulle-Part (Government, France)" in response.text


def test_the_proposer_edits_until_the_challenge_is_published(hackathon, unregistered):
    challenge = ChallengeFactory(
        event=hackathon, state=ChallengeState.PENDING, proposed_by=unregistered
    )
    client = logged_in(unregistered)
    url = f"{base(hackathon)}challenges/{challenge.pk}/edit/"

    response = client.post(url, PROPOSAL | {"title_en": "Open water data, revised"})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.title["en"] == "Open water data, revised"

    challenge.state = ChallengeState.APPROVED
    challenge.save()
    assert client.post(url, PROPOSAL).status_code == 404
    challenge.refresh_from_db()
    assert challenge.title["en"] == "Open water data, revised"


def test_an_organiser_edits_a_published_challenge(challenge, organiser):
    url = f"{base(challenge.event)}challenges/{challenge.pk}/edit/"

    response = logged_in(organiser).post(url, PROPOSAL | {"title_en": "Edited by organisers"})

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.title["en"] == "Edited by organisers"


def test_an_organiser_publishes_a_challenge_and_its_proposer_is_told(hackathon, organiser):
    challenge = ChallengeFactory(
        event=hackathon, state=ChallengeState.PENDING, proposed_by__preferred_language="en"
    )

    response = logged_in(organiser).post(f"{organise(hackathon)}challenges/{challenge.pk}/approve/")

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert (challenge.state, challenge.decided_by) == (ChallengeState.APPROVED, organiser)
    assert [message.to for message in mail.outbox] == [[challenge.proposed_by.email]]
    assert mail.outbox[0].subject == f"Your challenge “{challenge.title['en']}” is published"
    assert f"{base(hackathon)}challenges/{challenge.pk}/" in mail.outbox[0].body


def test_an_organiser_declines_a_challenge(hackathon, organiser):
    challenge = ChallengeFactory(event=hackathon, state=ChallengeState.PENDING)

    logged_in(organiser).post(f"{organise(hackathon)}challenges/{challenge.pk}/decline/")

    challenge.refresh_from_db()
    assert challenge.state == ChallengeState.REJECTED
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("person", ["registered", "juror", "unregistered"])
def test_only_organisers_decide_on_challenges(request, hackathon, person):
    challenge = ChallengeFactory(event=hackathon, state=ChallengeState.PENDING)
    client = logged_in(request.getfixturevalue(person))

    response = client.post(f"{organise(hackathon)}challenges/{challenge.pk}/approve/")

    assert response.status_code == 404
    challenge.refresh_from_db()
    assert challenge.state == ChallengeState.PENDING
