"""Factories for the hackathon. Rows are written as they are, without the rules:
use the functions of `cosummit.hackathon.domain` (and `projects`, `judging`) to
test the rules.
"""

import datetime as dt

import factory
from django.utils import timezone

from cosummit.accounts.models import OrganisationType
from cosummit.hackathon.models import (
    Challenge,
    ChallengeState,
    Criterion,
    Evaluation,
    HackathonSettings,
    JoinRequest,
    Juror,
    Prize,
    Project,
    ProjectState,
    Score,
    Team,
    TeamMember,
)
from cosummit.registration.models import Status
from cosummit.summits.models import Event
from tests.factories import EventFactory, UserFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory


class HackathonFactory(EventFactory):
    """A published hackathon event, in ten days, for three days."""

    kind = Event.Kind.HACKATHON
    title = factory.Sequence(lambda n: {"fr": f"Hackathon {n}", "en": f"Hackathon {n}"})
    slug = factory.Sequence(lambda n: f"hackathon-{n}")
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(days=3))


class HackathonSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HackathonSettings
        django_get_or_create = ("event",)

    event = factory.SubFactory(HackathonFactory)
    team_size_limit = 3


def register(user, event, status=Status.CONFIRMED):
    """A registration of `user` for `event`, linked to the account."""
    RegistrationSetupFactory(event=event)
    return RegistrationFactory(
        event=event, user=user, email=user.email, name=user.name, status=status
    )


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    event = factory.SubFactory(HackathonFactory)
    title = factory.Sequence(
        lambda n: {"fr": f"Ouvrir les marchés publics {n}", "en": f"Open public contracts {n}"}
    )
    description = {
        "fr": "Les **contrats** de la ville sont publiés en PDF.",
        "en": "The city's **contracts** are published as PDF files.",
    }
    links = [{"title": "Contracts 2016", "url": "https://data.example.org/contracts"}]
    organisation_name = "Ville de Nulle-Part"
    organisation_type = OrganisationType.GOVERNMENT
    organisation_country = "FR"
    proposed_by = factory.SubFactory(UserFactory)
    state = ChallengeState.APPROVED


class TeamFactory(factory.django.DjangoModelFactory):
    """A team; `members=[user, …]` puts people in it (they need no registration here)."""

    class Meta:
        model = Team
        skip_postgeneration_save = True

    event = factory.SubFactory(HackathonFactory)
    name = factory.Sequence(lambda n: f"Fountain finders {n}")
    description = "We map drinking fountains."
    skills_wanted = ["design", "Python"]

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create:
            for user in extracted or []:
                TeamMember.objects.create(team=obj, event=obj.event, user=user)


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    message = "I know the data well."


class ProjectFactory(factory.django.DjangoModelFactory):
    """A submitted project of a new team."""

    class Meta:
        model = Project

    team = factory.SubFactory(TeamFactory)
    event = factory.SelfAttribute("team.event")
    title = factory.Sequence(lambda n: f"Fountain map {n}")
    description = "A **map** of drinking fountains."
    language = "en"
    repository_url = "https://git.example.org/fountains"
    demo_url = "https://fountains.example.org/"
    licence = "MIT"
    state = ProjectState.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    event = factory.SubFactory(HackathonFactory)
    name = factory.Sequence(lambda n: {"fr": f"Critère {n}", "en": f"Criterion {n}"})
    weight = 1
    min_score = 0
    max_score = 5
    position = factory.Sequence(lambda n: n)


class JurorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Juror

    event = factory.SubFactory(HackathonFactory)
    user = factory.SubFactory(UserFactory)


class EvaluationFactory(factory.django.DjangoModelFactory):
    """A juror's evaluation; `scores={criterion: value}` adds its scores."""

    class Meta:
        model = Evaluation
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    juror = factory.SubFactory(UserFactory)
    comment = "Clear and useful."

    @factory.post_generation
    def scores(obj, create, extracted, **kwargs):
        if create:
            for criterion, value in (extracted or {}).items():
                Score.objects.create(evaluation=obj, criterion=criterion, value=value)


class PrizeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prize

    event = factory.SubFactory(HackathonFactory)
    rank = 1
    title = {"fr": "Grand prix", "en": "Grand prize"}
    description = {"fr": "Un an d'accompagnement.", "en": "A year of support."}
