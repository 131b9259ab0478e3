"""Stars: a participant puts released sessions in their agenda, kept on the server."""

import pytest
from django.core.exceptions import ValidationError

from cosummit.programme.models import Star
from cosummit.programme.queries import interest_by_session
from cosummit.programme.stars import star_session, unstar_session
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory
from tests.programme.agenda_helpers import agenda_url, at, release, released_session, rooms
from tests.programme.factories import SessionFactory, StarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(summit):
    (alpha,) = rooms(summit, "Alpha")
    return released_session(release(summit), room=alpha, starts_at=at(summit, 0, 9),
                            title="Open budgets")  # fmt: skip


def star_url(session, action="star") -> str:
    return f"{agenda_url(session.summit)}sessions/{session.pk}/{action}/"


def stars_of(user) -> list[str]:
    return list(Star.objects.filter(user=user).values_list("session__title", flat=True))


def test_starring_twice_keeps_one_star(session, participant):
    first = star_session(session, user=participant)
    second = star_session(session, user=participant)
    assert first == second
    assert stars_of(participant) == ["Open budgets"]


def test_unstarring_removes_the_star_and_is_harmless_twice(session, participant):
    StarFactory(session=session, user=participant)
    assert unstar_session(session, user=participant) is True
    assert unstar_session(session, user=participant) is False
    assert stars_of(participant) == []


def test_a_session_outside_the_published_programme_cannot_be_starred(summit, session, participant):
    draft = SessionFactory(summit=summit, title="Draft")
    with pytest.raises(ValidationError) as refused:
        star_session(draft, user=participant)
    assert refused.value.messages == ["Only sessions of the published programme can be starred."]
    assert stars_of(participant) == []


def test_a_session_of_an_unpublished_summit_cannot_be_starred(session, participant):
    session.summit.is_published = False
    session.summit.save(update_fields=["is_published"])
    with pytest.raises(ValidationError):
        star_session(session, user=participant)
    assert stars_of(participant) == []


def test_organisers_may_star_in_their_unpublished_summit(session):
    session.summit.is_published = False
    session.summit.save(update_fields=["is_published"])
    organiser = TeamMembershipFactory(summit=session.summit, role=Role.ORGANISER).user
    star_session(session, user=organiser)
    assert stars_of(organiser) == ["Open budgets"]


def test_the_star_button_stars_and_returns_to_the_page(client, session, participant):
    client.force_login(participant)
    response = client.post(star_url(session), {"next": f"{agenda_url(session.summit)}?day=x"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{agenda_url(session.summit)}?day=x",
    )
    assert stars_of(participant) == ["Open budgets"]
    page = client.get(response["Location"]).content.decode()
    assert "“Open budgets” is in your agenda." in page
    assert "In my agenda" in page


def test_an_address_elsewhere_is_not_followed(client, session, participant):
    client.force_login(participant)
    response = client.post(star_url(session), {"next": "https://evil.example/"})
    assert response["Location"] == f"{agenda_url(session.summit)}sessions/{session.pk}/"


def test_the_unstar_button_removes_the_star(client, session, participant):
    StarFactory(session=session, user=participant)
    client.force_login(participant)
    response = client.post(star_url(session, "unstar"))
    assert response["Location"] == f"{agenda_url(session.summit)}mine/"
    assert stars_of(participant) == []
    assert (
        "“Open budgets” is no longer in your agenda."
        in client.get(response["Location"]).content.decode()
    )


def test_visitors_are_sent_to_log_in(client, session):
    response = client.post(star_url(session))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert Star.objects.count() == 0


def test_starring_needs_a_post(client, session, participant):
    client.force_login(participant)
    assert client.get(star_url(session)).status_code == 405
    assert stars_of(participant) == []


def test_an_unreleased_session_cannot_be_starred_through_the_site(
    client, summit, session, participant
):
    draft = SessionFactory(summit=summit)
    client.force_login(participant)
    assert client.post(star_url(draft)).status_code == 404
    other = SummitFactory()
    assert client.post(f"{agenda_url(other)}sessions/{session.pk}/star/").status_code == 404
    assert stars_of(participant) == []


def test_an_unpublished_summit_hides_its_star_buttons(client, session, participant):
    session.summit.is_published = False
    session.summit.save(update_fields=["is_published"])
    client.force_login(participant)
    assert client.post(star_url(session)).status_code == 404
    client.force_login(TeamMembershipFactory(role=Role.ORGANISER).user)
    assert client.post(star_url(session)).status_code == 404
    assert Star.objects.count() == 0


def test_stars_count_as_interest_for_the_scheduler(session, participant):
    star_session(session, user=participant)
    assert interest_by_session(session.summit) == {session.pk: {participant.pk}}
