"""Factories for the review, beyond those of tests/factories.py and tests/proposals/.

Rows are written as they are, without the rules: use the domain functions of
`cosummit.review.domain` and `cosummit.review.decisions` to test the rules.
Reviewers get their own organisation and country, so that they conflict with
no proposal unless a test says so (UserFactory's users all share one).
"""

import datetime as dt

import factory
from django.utils import timezone

from cosummit.review.models import (
    Assignment,
    Criterion,
    Decision,
    Outcome,
    Phase,
    Review,
    Reviewer,
    ReviewerTeam,
    ReviewSettings,
)
from cosummit.summits.models import Role, TeamMembership
from tests.factories import SummitFactory, UserFactory
from tests.proposals.factories import ProposalFactory


class ReviewSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewSettings
        django_get_or_create = ("summit",)

    summit = factory.SubFactory(SummitFactory)
    is_blind = True
    reviews_per_proposal = 2
    min_load = 0
    max_load = 10


class PhaseFactory(factory.django.DjangoModelFactory):
    """A phase that started yesterday and ends in 14 days, in which reviewers score."""

    class Meta:
        model = Phase

    summit = factory.SubFactory(SummitFactory)
    name = {"fr": "Évaluation", "en": "Review"}
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    reviewers_can_score = True
    other_reviews = "after_own"
    speakers_can_edit = False


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    summit = factory.SubFactory(SummitFactory)
    name = factory.Sequence(lambda n: {"fr": f"Critère {n}", "en": f"Criterion {n}"})
    weight = 1
    scale_min = 0
    scale_max = 5
    position = factory.Sequence(lambda n: n)


class ReviewerFactory(factory.django.DjangoModelFactory):
    """A reviewer: the reviewer role in the summit's team and its Reviewer row."""

    class Meta:
        model = Reviewer
        skip_postgeneration_save = True

    summit = factory.SubFactory(SummitFactory)
    user = factory.SubFactory(
        UserFactory,
        organisation=factory.Sequence(lambda n: f"Review Institute {n}"),
        country="CA",
    )
    languages = ["fr", "en"]

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create:
            TeamMembership.objects.get_or_create(
                summit=obj.summit, user=obj.user, role=Role.REVIEWER
            )


class ReviewerTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewerTeam
        skip_postgeneration_save = True

    summit = factory.SubFactory(SummitFactory)
    name = factory.Sequence(lambda n: {"fr": f"Équipe {n}", "en": f"Team {n}"})
    can_decide = False

    @factory.post_generation
    def tracks(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tracks.set(extracted)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    reviewer = factory.SubFactory(ReviewerFactory)
    proposal = factory.SubFactory(
        ProposalFactory, summit=factory.SelfAttribute("..reviewer.summit")
    )
    affinity = 0.5


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review with no scores; pass `scores` and `total` as a test needs them."""

    class Meta:
        model = Review

    reviewer = factory.SubFactory(ReviewerFactory)
    proposal = factory.SubFactory(
        ProposalFactory, summit=factory.SelfAttribute("..reviewer.summit")
    )
    scores = factory.LazyFunction(dict)
    total = 50.0
    comment = "Clear and useful."


class DecisionFactory(factory.django.DjangoModelFactory):
    """A pending decision to accept; set `applied_at` for an applied one."""

    class Meta:
        model = Decision

    proposal = factory.SubFactory(ProposalFactory)
    outcome = Outcome.ACCEPT
    applied_at = None
