"""Factories for the programme: days, sessions with their working slot, releases, stars.

Rows are written as they are, without the rules: use the domain functions of
`cosummit.programme.domain` to test the rules.
"""

import datetime as dt

import factory

from cosummit.programme.models import (
    CalendarFeed,
    Day,
    Release,
    Session,
    Slot,
    Star,
    Unavailability,
)
from tests.factories import RoomFactory, SummitFactory, UserFactory, VenueFactory


class DayFactory(factory.django.DjangoModelFactory):
    """The summit's first day, 09:00–18:00 in slots of 90 minutes."""

    class Meta:
        model = Day
        skip_postgeneration_save = True

    summit = factory.SubFactory(SummitFactory)
    date = factory.LazyAttribute(lambda o: o.summit.start_date)
    starts = dt.time(9, 0)
    ends = dt.time(18, 0)
    slot_minutes = 90


class SessionFactory(factory.django.DjangoModelFactory):
    """A 60-minute session with its working slot, not placed unless given `room` and `starts_at`.

    `speakers=[...]` sets its speakers; `room=<Room>` and `starts_at=<aware
    datetime>` place its working slot (ending `duration` minutes later).
    """

    class Meta:
        model = Session
        skip_postgeneration_save = True

    summit = factory.SubFactory(SummitFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    abstract = "What the session is about."
    language = "en"
    duration = 60

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.speakers.set(extracted)

    @factory.post_generation
    def working_slot(obj, create, extracted, **kwargs):
        if not create:
            return
        room, starts_at = obj._placement if hasattr(obj, "_placement") else (None, None)
        Slot.objects.create(
            session=obj,
            room=room,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=obj.duration or 0) if starts_at else None,
        )

    @classmethod
    def _create(cls, model_class, *args, room=None, starts_at=None, **kwargs):
        session = super()._create(model_class, *args, **kwargs)
        session._placement = (room, starts_at)
        return session


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Release

    summit = factory.SubFactory(SummitFactory)
    version = factory.Sequence(lambda n: n + 1)


class ReleasedSlotFactory(factory.django.DjangoModelFactory):
    """A session's place in a release."""

    class Meta:
        model = Slot

    session = factory.SubFactory(SessionFactory)
    release = factory.SubFactory(ReleaseFactory, summit=factory.SelfAttribute("..session.summit"))
    room = factory.SubFactory(
        RoomFactory,
        venue=factory.SubFactory(VenueFactory, summit=factory.SelfAttribute("...session.summit")),
    )
    starts_at = None
    ends_at = factory.LazyAttribute(
        lambda o: (
            o.starts_at + dt.timedelta(minutes=o.session.duration or 0) if o.starts_at else None
        )
    )


class StarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Star

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)


class UnavailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unavailability

    summit = factory.SubFactory(SummitFactory)
    user = factory.SubFactory(UserFactory)
    starts_at = None
    ends_at = factory.LazyAttribute(
        lambda o: o.starts_at + dt.timedelta(hours=2) if o.starts_at else None
    )


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    summit = factory.SubFactory(SummitFactory)
    user = factory.SubFactory(UserFactory)
