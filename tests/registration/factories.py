"""Factories for registration rows, beyond those of tests/factories.py."""

import datetime as dt

import factory
from django.utils import timezone

from cosummit.core.questions import QuestionKind
from cosummit.registration.domain import Registrant
from cosummit.registration.models import (
    Registration,
    RegistrationQuestion,
    RegistrationSetup,
    Status,
    category_of,
)
from tests.factories import EventFactory


class RegistrationSetupFactory(factory.django.DjangoModelFactory):
    """An event whose registration is enabled and open, for 10 people."""

    class Meta:
        model = RegistrationSetup
        django_get_or_create = ("event",)

    event = factory.SubFactory(EventFactory)
    is_enabled = True
    capacity = 10
    consent_text = {
        "fr": "J'accepte que mes données servent à organiser l'événement.",
        "en": "I agree that my data is used to organise the event.",
    }


class RegistrationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    setup = factory.SubFactory(RegistrationSetupFactory)
    kind = QuestionKind.SHORT_TEXT
    label = factory.Sequence(lambda n: {"fr": f"Question {n}", "en": f"Question {n}"})
    position = factory.Sequence(lambda n: n)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration of a civil society participant.

    Rows are written as they are, without counting seats: use
    `cosummit.registration.domain.register` to test the rules.
    """

    class Meta:
        model = Registration

    event = factory.LazyAttribute(lambda o: RegistrationSetupFactory().event)
    name = factory.Sequence(lambda n: f"Registrant {n}")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    organisation = "Open Data Collective"
    organisation_type = "civil_society"
    country = "FR"
    category = factory.LazyAttribute(lambda o: category_of(o.organisation_type))
    language = "fr"
    consent_version = 1
    consented_at = factory.LazyFunction(timezone.now)
    status = Status.CONFIRMED
    confirmed_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Status.CONFIRMED else None
    )
    hold_expires_at = factory.LazyAttribute(
        lambda o: (
            timezone.now() + dt.timedelta(hours=48)
            if o.status in (Status.HELD, Status.OFFERED)
            else None
        )
    )
    waiting_since = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Status.WAITING else None
    )


def make_registrant(number: int = 0, **overrides) -> Registrant:
    """A guest registrant from civil society, in English, who accepted the consent text."""
    values = {
        "name": f"Guest {number}",
        "email": f"guest{number}@example.org",
        "organisation": "Open Data Collective",
        "organisation_type": "civil_society",
        "country": "FR",
        "language": "en",
        "consented": True,
    }
    return Registrant(**(values | overrides))
