"""The summit's hackathons, the overview of one, and pages in the reader's language."""

import pytest
from django.core import mail

from cosummit.summits.models import Event
from tests.factories import EventFactory, UserFactory
from tests.hackathon.conftest import base, logged_in
from tests.hackathon.factories import ChallengeFactory, HackathonFactory, PrizeFactory


def test_the_index_lists_published_hackathons_and_organisers_also_see_drafts(
    client, summit, hackathon, organiser
):
    draft = HackathonFactory(summit=summit, is_published=False)
    EventFactory(summit=summit, kind=Event.Kind.WORKSHOP)
    url = f"/en/{summit.slug}/hackathon/"

    assert client.get(url).context["events"] == [hackathon]
    assert logged_in(organiser).get(url).context["events"] == [hackathon, draft]
    assert client.get(base(draft)).status_code == 404
    assert logged_in(organiser).get(base(draft)).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_index_makes_a_constant_number_of_queries(
    client, summit, django_assert_num_queries, count
):
    HackathonFactory.create_batch(count, summit=summit)

    # The summit, the hackathon events with their settings.
    with django_assert_num_queries(2):
        response = client.get(f"/en/{summit.slug}/hackathon/")

    assert len(response.context["events"]) == count


def test_the_summit_page_links_to_its_hackathons(client, summit):
    response = client.get(f"/en/{summit.slug}/")

    assert f'href="/en/{summit.slug}/hackathon/"' in response.text


def test_the_overview_shows_the_rules_prizes_and_counts(client, hackathon, challenge):
    PrizeFactory(event=hackathon, title={"en": "Grand prize"})

    response = client.get(base(hackathon))

    assert response.status_code == 200
    assert "at most 3 people" in response.text
    assert "1 challenge" in response.text
    assert '<strong><span lang="en">Grand prize</span></strong>' in response.text


def test_the_overview_tells_each_person_what_they_can_do(
    client, hackathon, unregistered, unverified, registered, team, member
):
    register = f'href="/en/{hackathon.summit.slug}/events/hackathon/register/"'

    assert register in client.get(base(hackathon)).text
    assert register in logged_in(unregistered).get(base(hackathon)).text
    assert "Verify your e-mail address first" in logged_in(unverified).get(base(hackathon)).text
    assert f'href="{base(hackathon)}teams/new/"' in logged_in(registered).get(base(hackathon)).text
    assert "You are in the team “Fountain finders”." in logged_in(member).get(base(hackathon)).text


def test_an_unverified_person_is_told_to_verify_on_a_team_page(hackathon, team, unverified):
    response = logged_in(unverified).get(f"{base(hackathon)}teams/{team.pk}/")

    assert "Verify your e-mail address first" in response.text
    assert f'action="{base(hackathon)}teams/{team.pk}/join/"' not in response.text


def test_a_challenge_is_shown_in_the_readers_language(client, hackathon):
    ChallengeFactory(event=hackathon, title={"fr": "Ouvrir l'eau", "en": "Open water"})
    only_french = ChallengeFactory(event=hackathon, title={"fr": "Seulement en français"})

    french = client.get(f"/fr/{hackathon.summit.slug}/hackathon/{hackathon.slug}/challenges/")
    english = client.get(f"{base(hackathon)}challenges/")

    assert '<span lang="fr">Ouvrir l&#x27;eau</span>' in french.text
    assert '<span lang="en">Open water</span>' in english.text
    assert '<span lang="fr">Seulement en français</span>' in english.text
    assert only_french.title.localize("en").is_fallback is True


def test_mail_to_a_team_member_links_to_the_team_in_their_language(hackathon, team, registered):
    team.memberships.update(user=UserFactory(preferred_language="fr"))

    logged_in(registered).post(f"{base(hackathon)}teams/{team.pk}/join/", {"message": ""})

    [message] = mail.outbox
    assert f"/fr/{hackathon.summit.slug}/hackathon/hackathon/teams/{team.pk}/" in message.body
    assert message.extra_headers["X-Cosummit-Summit"] == hackathon.summit.slug
