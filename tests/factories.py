"""factory_boy factories for real rows, and fixtures built on them."""

import datetime as dt
import zoneinfo

import factory
import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from cosummit.accounts.models import OrganisationType, User
from cosummit.summits.models import (
    Block,
    Event,
    Page,
    Role,
    Room,
    Summit,
    TeamMembership,
    Venue,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = "Open Data Collective"
    organisation_type = OrganisationType.CIVIL_SOCIETY
    country = "FR"
    preferred_language = "fr"
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Users have a verified primary e-mail unless built with verified=False."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class SummitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Summit

    name = factory.Sequence(lambda n: {"fr": f"Sommet {n}", "en": f"Summit {n}"})
    slug = factory.Sequence(lambda n: f"summit-{n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=2))
    city = "Paris"
    country = "FR"
    timezone = "Europe/Paris"
    languages = ["fr", "en"]
    is_published = True


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    summit = factory.SubFactory(SummitFactory)
    name = {"fr": "Palais d'Iéna", "en": "Palais d'Iéna"}
    address = "9 place d'Iéna"
    city = "Paris"
    country = "FR"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: {"fr": f"Salle {n}", "en": f"Room {n}"})
    capacity = 100


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    summit = factory.SubFactory(SummitFactory)
    kind = Event.Kind.WORKSHOP
    title = factory.Sequence(lambda n: {"fr": f"Atelier {n}", "en": f"Workshop {n}"})
    slug = factory.Sequence(lambda n: f"event-{n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + dt.timedelta(days=10)).replace(minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    is_published = True


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    summit = factory.SubFactory(SummitFactory)
    slug = factory.Sequence(lambda n: f"page-{n}")
    title = {"fr": "Informations pratiques", "en": "Practical information"}
    body = {"fr": "Venir au sommet.", "en": "Getting to the summit."}


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    summit = factory.SubFactory(SummitFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.ORGANISER


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    summit = factory.SubFactory(SummitFactory)
    user = factory.SubFactory(UserFactory)


@pytest.fixture
def summit(db):
    return SummitFactory()


@pytest.fixture
def organiser(summit):
    return TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user


@pytest.fixture
def participant(db):
    return UserFactory()
