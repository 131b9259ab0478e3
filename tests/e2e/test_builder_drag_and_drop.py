"""An organiser drags a session onto the grid, then back to the unscheduled list."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cosummit.programme.models import Slot
from cosummit.summits.models import Role
from tests.factories import RoomFactory, SummitFactory, TeamMembershipFactory, VenueFactory
from tests.programme.factories import DayFactory, SessionFactory

pytestmark = pytest.mark.e2e


def test_an_organiser_places_a_session_by_drag_and_drop_and_takes_it_back(
    new_context, log_in, live_server, transactional_db
):
    summit = SummitFactory(slug="ogp-paris")
    organiser = TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user
    day = DayFactory(summit=summit)
    venue = VenueFactory(summit=summit)
    RoomFactory(venue=venue, name={"en": "Salle Iéna", "fr": "Salle Iéna"})
    rome = RoomFactory(venue=venue, name={"en": "Salle Rome", "fr": "Salle Rome"})
    session = SessionFactory(summit=summit, title="Open budgets in cities", duration=60)
    context = new_context()
    log_in(context, organiser)
    page = context.new_page()
    page.goto(f"/en/organise/ogp-paris/programme/grid/{day.date.isoformat()}/")

    card = page.locator(f'[data-session="{session.pk}"]')
    cell = page.locator(f'[data-room="{rome.pk}"][data-starts="{day.date.isoformat()}T10:30"]')
    card.drag_to(cell)
    expect(cell.locator(f'[data-session="{session.pk}"]')).to_be_visible()
    slot = Slot.objects.get(session=session)
    starts = dt.datetime.combine(day.date, dt.time(10, 30), tzinfo=summit.tz)
    assert (slot.room, slot.starts_at, slot.ends_at) == (
        rome,
        starts,
        starts + dt.timedelta(hours=1),
    )

    page.locator(f'[data-session="{session.pk}"]').drag_to(page.locator("[data-unschedule-target]"))
    expect(page.locator(f'[data-unschedule-target] [data-session="{session.pk}"]')).to_be_visible()
    assert Slot.objects.get(session=session).starts_at is None
