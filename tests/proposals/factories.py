"""Factories for the call for proposals, beyond those of tests/factories.py.

Rows are written as they are, without the rules: use the domain functions of
`cosummit.proposals.domain` to test the rules.
"""

import datetime as dt

import factory
from django.utils import timezone

from cosummit.accounts.models import OrganisationType
from cosummit.proposals.models import (
    Call,
    Comment,
    FormatKind,
    Proposal,
    ProposalOrganisation,
    SessionFormat,
    Speaker,
    State,
    Support,
    Track,
)
from tests.factories import SummitFactory, UserFactory


class CallFactory(factory.django.DjangoModelFactory):
    """A call that opened yesterday and closes in 30 days, discussion public at once."""

    class Meta:
        model = Call
        django_get_or_create = ("summit",)

    summit = factory.SubFactory(SummitFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    introduction = {
        "fr": "Proposez une session pour le sommet.",
        "en": "Propose a session for the summit.",
    }
    is_discussion_public = True
    max_co_speakers = 4


class SessionFormatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionFormat

    call = factory.SubFactory(CallFactory)
    kind = FormatKind.WORKSHOP
    name = factory.Sequence(lambda n: {"fr": f"Atelier {n}", "en": f"Workshop {n}"})
    min_minutes = 0
    max_minutes = 80
    position = factory.Sequence(lambda n: n)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    summit = factory.SubFactory(SummitFactory)
    slug = factory.Sequence(lambda n: f"track-{n}")
    name = factory.Sequence(lambda n: {"fr": f"Thème {n}", "en": f"Theme {n}"})
    description = {"fr": "Un thème du sommet.", "en": "A theme of the summit."}
    position = factory.Sequence(lambda n: n)


def first_format(summit) -> SessionFormat:
    """The summit's first format, created with its call when there is none."""
    call = CallFactory(summit=summit)
    return call.formats.first() or SessionFormatFactory(call=call)


def first_track(summit) -> Track:
    return summit.tracks.first() or TrackFactory(summit=summit)


class ProposalFactory(factory.django.DjangoModelFactory):
    """A submitted proposal with one author speaker (`proposal.created_by`).

    Pass `author=<user>` to choose the author, `state=State.DRAFT` for a draft.
    The summit's first format and track are used (created, with the call, when
    there are none).
    """

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    class Params:
        author = factory.SubFactory(UserFactory)

    summit = factory.SubFactory(SummitFactory)
    state = State.SUBMITTED
    title = factory.Sequence(lambda n: f"Open contracting in practice {n}")
    abstract = "How cities publish their public contracts as open data, and what changed."
    description = "We share **three** lessons learned."
    language = "en"
    format = factory.LazyAttribute(lambda o: first_format(o.summit))
    track = factory.LazyAttribute(lambda o: first_track(o.summit))
    session_language = "en"
    created_by = factory.SelfAttribute("author")
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.state != State.DRAFT else None
    )
    search_text = factory.LazyAttribute(lambda o: f"{o.title} {o.abstract}".lower())

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        """The author is the first speaker; `speakers=[users]` adds co-speakers."""
        if not create:
            return
        if obj.created_by is not None:
            Speaker.objects.create(proposal=obj, user=obj.created_by, is_author=True, position=0)
        for position, user in enumerate(extracted or [], start=1):
            Speaker.objects.create(proposal=obj, user=user, is_author=False, position=position)


class ProposalOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalOrganisation

    proposal = factory.SubFactory(ProposalFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    organisation_type = OrganisationType.CIVIL_SOCIETY
    country = "FR"
    position = factory.Sequence(lambda n: n)


class CommentFactory(factory.django.DjangoModelFactory):
    """A top-level comment; pass `parent=` for a reply (depth follows the parent)."""

    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(UserFactory)
    parent = None
    depth = factory.LazyAttribute(lambda o: o.parent.depth + 1 if o.parent else 1)
    body = "A useful remark about this session."


class SupportFactory(factory.django.DjangoModelFactory):
    """A support row; counters on the proposal are not updated (use the domain for that)."""

    class Meta:
        model = Support

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)


# Addresses and form data for the tests of writing a proposal.


def new_url(summit, language="en") -> str:
    return f"/{language}/{summit.slug}/proposals/new/"


def mine_url(summit, language="en") -> str:
    return f"/{language}/{summit.slug}/proposals/mine/"


def step_url(proposal, step: str, language="en") -> str:
    return f"/{language}/{proposal.summit.slug}/proposals/{proposal.pk}/edit/{step}/"


def action_url(proposal, action: str, language="en") -> str:
    return f"/{language}/{proposal.summit.slug}/proposals/{proposal.pk}/{action}/"


def format_step_data(session_format, track=None, **overrides) -> dict:
    data = {
        "format": str(session_format.pk),
        "duration": "",
        "track": str(track.pk) if track else "",
        "language": "fr",
        "session_language": "fr",
        "access_code": "",
    }
    data.update(overrides)
    return data


def text_step_data(**overrides) -> dict:
    data = {
        "title": "Budgets participatifs et jeunesse",
        "abstract": "Comment des villes associent les jeunes au choix des investissements.",
        "description": "Nous présentons **trois** expériences.",
        "other_language": "",
        "other_title": "",
        "other_abstract": "",
    }
    data.update(overrides)
    return data


def organisations_step_data(rows=(("Ville de Paris", "government", "FR"),), **overrides):
    """The organisations step: `rows` of (name, type, country), then empty rows."""
    rows = list(rows)
    total = len(rows) + 2
    data = {
        "organisations-TOTAL_FORMS": str(total),
        "organisations-INITIAL_FORMS": "0",
        "organisations-MIN_NUM_FORMS": "0",
        "organisations-MAX_NUM_FORMS": "10",
        "expected_audience": "40",
        "audience_description": "Élus et associations",
    }
    for index in range(total):
        name, kind, country = rows[index] if index < len(rows) else ("", "", "")
        data[f"organisations-{index}-name"] = name
        data[f"organisations-{index}-organisation_type"] = kind
        data[f"organisations-{index}-country"] = country
    data.update(overrides)
    return data


def ready_draft(summit, author=None, **fields):
    """A draft with everything filled in, that may be submitted."""
    defaults = {"state": State.DRAFT, "session_language": "fr", "language": "fr", "duration": 60}
    if author is not None:
        defaults["author"] = author
    proposal = ProposalFactory(summit=summit, **{**defaults, **fields})
    ProposalOrganisationFactory(proposal=proposal)
    return proposal
