"""Only the summit's organisers reach the agenda builder; everyone else gets 404 or the login."""

import pytest

from cosummit.programme.models import Slot
from tests.factories import UserFactory
from tests.programme.builder_helpers import (
    at,
    day_fixture,  # noqa: F401
    foreign_organiser_fixture,  # noqa: F401
    page,
    room_fixture,  # noqa: F401
    venue_fixture,  # noqa: F401
)
from tests.programme.factories import SessionFactory, UnavailabilityFactory

pytestmark = pytest.mark.django_db


def pages(summit, day, session, unavailability):
    return [
        ("index", {}),
        ("warnings", {}),
        ("days", {}),
        ("day_create", {}),
        ("day_edit", {"day": day.pk}),
        ("day_delete", {"day": day.pk}),
        ("sessions", {}),
        ("session_create", {}),
        ("session_edit", {"session": session.pk}),
        ("session_delete", {"session": session.pk}),
        ("session_place", {"session": session.pk}),
        ("unavailabilities", {}),
        ("grid_first_day", {}),
        ("grid", {"day": day.date.isoformat()}),
        ("unscheduled", {}),
    ]


@pytest.fixture
def rows(summit, day, room):
    session = SessionFactory(
        summit=summit, title="Open budgets", room=room, starts_at=at(summit, 9)
    )
    unavailability = UnavailabilityFactory(
        summit=summit, starts_at=at(summit, 14), user=UserFactory()
    )
    return session, unavailability


def test_anonymous_visitors_are_sent_to_the_login(client, summit, day, rows):
    for name, kwargs in pages(summit, day, *rows):
        response = client.get(page(name, summit, **kwargs))
        assert (response.status_code, response["Location"].split("?")[0]) == (
            302,
            "/en/accounts/login/",
        ), name


def test_participants_and_organisers_of_another_summit_get_404(
    client, summit, day, rows, participant, foreign_organiser
):
    for user in (participant, foreign_organiser):
        client.force_login(user)
        for name, kwargs in pages(summit, day, *rows):
            assert client.get(page(name, summit, **kwargs)).status_code == 404, name


def test_the_summits_organisers_reach_every_page(client, summit, day, rows, organiser):
    client.force_login(organiser)
    statuses = {
        name: client.get(page(name, summit, **kwargs)).status_code
        for name, kwargs in pages(summit, day, *rows)
    }
    assert statuses == {
        name: 302 if name == "grid_first_day" else 200 for name, _ in pages(summit, day, *rows)
    }


def test_others_cannot_move_unschedule_pin_or_delete(
    client, summit, day, room, rows, participant, foreign_organiser
):
    session, unavailability = rows
    client.force_login(foreign_organiser)
    posts = [
        ("session_place", {"session": session.pk}, {"room": room.pk, "starts_at": "x"}),
        ("session_unschedule", {"session": session.pk}, {}),
        ("session_pin", {"session": session.pk}, {"pinned": "1"}),
        ("session_delete", {"session": session.pk}, {}),
        ("day_delete", {"day": day.pk}, {}),
        ("unavailability_delete", {"unavailability": unavailability.pk}, {}),
    ]
    for name, kwargs, data in posts:
        assert client.post(page(name, summit, **kwargs), data).status_code == 404, name
    slot = Slot.objects.get(session=session)
    assert (slot.room, slot.starts_at, session.__class__.objects.get().is_pinned) == (
        room,
        at(summit, 9),
        False,
    )
    assert unavailability.__class__.objects.count() == 1
    assert day.__class__.objects.count() == 1


def test_the_organiser_nav_links_to_the_programme(client, summit, organiser):
    client.force_login(organiser)
    response = client.get(f"/en/organise/{summit.slug}/")
    assert f'href="{page("index", summit)}"' in response.content.decode()


def test_an_unknown_day_is_404(client, summit, day, organiser):
    client.force_login(organiser)
    assert client.get(page("grid", summit, day="2001-01-01")).status_code == 404
    assert client.get(page("grid", summit, day="not-a-date")).status_code == 404
    assert client.get(page("grid", summit, day="999999")).status_code == 404
