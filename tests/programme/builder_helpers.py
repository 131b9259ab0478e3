"""Shared set-up of the agenda builder's tests: a summit with a day, a venue and rooms."""

import datetime as dt

import pytest
from django.urls import reverse

from cosummit.summits.models import Role
from tests.factories import RoomFactory, SummitFactory, TeamMembershipFactory, VenueFactory
from tests.programme.factories import DayFactory


def page(name: str, summit, language: str = "en", **kwargs) -> str:
    """The address of a builder page, in English unless told."""
    from django.utils import translation

    with translation.override(language):
        return reverse(f"programme_organise:{name}", kwargs={"summit": summit.slug, **kwargs})


def at(summit, hour: int, minute: int = 0, days: int = 0) -> dt.datetime:
    """An aware datetime on the summit's first day (plus `days`), in its time zone."""
    date = summit.start_date + dt.timedelta(days=days)
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=summit.tz)


@pytest.fixture(name="day")
def day_fixture(summit):
    return DayFactory(summit=summit)


@pytest.fixture(name="venue")
def venue_fixture(summit):
    return VenueFactory(summit=summit)


@pytest.fixture(name="room")
def room_fixture(venue):
    return RoomFactory(venue=venue, name={"en": "Salle Iéna", "fr": "Salle Iéna"}, capacity=100)


@pytest.fixture(name="other_room")
def other_room_fixture(venue):
    return RoomFactory(venue=venue, name={"en": "Salle Rome", "fr": "Salle Rome"}, capacity=50)


@pytest.fixture(name="organiser_client")
def organiser_client_fixture(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture(name="foreign_organiser")
def foreign_organiser_fixture(db):
    """Someone who organises another summit only."""
    return TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user


def shown_messages(response) -> list[str]:
    """The messages a followed response showed."""
    return [str(message) for message in response.context["messages"]]


def local(moment: dt.datetime) -> str:
    """A datetime as a datetime-local form value, in its own time zone."""
    return moment.strftime("%Y-%m-%dT%H:%M")
