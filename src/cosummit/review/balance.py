"""The balance of the selection: who proposed, from where, in which format,
track and language, at each stage; and the candidates of the selection helper.

Everything is read for a decider's scope (every track for organisers, their
tracks for conveners) in a fixed number of queries of plain values, then
counted in Python. Pages built on it show aggregates only, never a name, so
they are the same for blind and named reviews; the selection helper's list
leaves organisations out when the review is blind.

Stages: submitted (every reviewable proposal), accepted as decided (a pending
or applied decision to accept), accepted as applied (the decision applied and
its e-mail written) and confirmed (the speakers confirmed).
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Avg
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_countries import countries

from cosummit.accounts.models import OrganisationType
from cosummit.core.regions import Region, region_code
from cosummit.proposals.discussion import language_label, reader_text
from cosummit.proposals.models import Proposal, ProposalOrganisation, SessionFormat, Track
from cosummit.summits.models import Summit

from . import queries, selection
from .charts import GroupedBarChart, grouped_bar_chart
from .models import Decision, Outcome, Review

SUBMITTED, DECIDED, APPLIED, CONFIRMED = "submitted", "decided", "applied", "confirmed"
STAGES = (SUBMITTED, DECIDED, APPLIED, CONFIRMED)
# Category keys that are not a value of the data.
NOT_GIVEN, OTHER = "-", "+"
TOP_COUNTRIES = 15


def stage_labels() -> list[str]:
    return [
        pgettext("balance", "Submitted"),
        pgettext("balance", "Accepted (decided)"),
        pgettext("balance", "Accepted (applied)"),
        pgettext("balance", "Confirmed"),
    ]


def scoped_proposals(summit: Summit, scope):
    return queries.in_scope(queries.reviewable_proposals(summit), scope)


def scoped_tracks(summit: Summit, scope):
    tracks = Track.objects.filter(summit=summit)
    if scope is None:
        return tracks
    return tracks.filter(pk__in=[pk for pk in scope if pk is not None])


# The dashboard


@dataclass(frozen=True, slots=True)
class ProposalFacts:
    """What the balance counts about one proposal."""

    pk: int
    format: str
    track: str
    language: str
    lead_type: str
    is_co_led: bool
    countries: frozenset[str]
    stages: frozenset[str]


def _stages(outcome: str | None, applied_at, reply: str | None) -> frozenset[str]:
    stages = {SUBMITTED}
    if outcome == Outcome.ACCEPT:
        stages.add(DECIDED)
        if applied_at is not None:
            stages.add(APPLIED)
        if reply == Decision.Reply.CONFIRMED:
            stages.add(CONFIRMED)
    return frozenset(stages)


def proposal_facts(summit: Summit, scope) -> list[ProposalFacts]:
    """The facts of every reviewable proposal in `scope`, in two queries.

    The lead organisation is the first one by position; countries are those of
    the organisations, or the author's when no organisation gives one.
    """
    proposals = scoped_proposals(summit, scope)
    organisations: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for proposal_id, kind, country in (
        ProposalOrganisation.objects.filter(proposal__in=proposals)
        .order_by("proposal_id", "position", "pk")
        .values_list("proposal_id", "organisation_type", "country")
    ):
        organisations[proposal_id].append((kind, str(country or "")))
    facts = []
    for row in proposals.order_by("pk").values(
        "pk",
        "format_id",
        "track_id",
        "session_language",
        "is_co_led",
        "created_by__country",
        "decision__outcome",
        "decision__applied_at",
        "decision__reply",
    ):
        own = organisations.get(row["pk"], [])
        found = frozenset(country for _kind, country in own if country)
        author_country = str(row["created_by__country"] or "")
        facts.append(
            ProposalFacts(
                pk=row["pk"],
                format=str(row["format_id"] or NOT_GIVEN),
                track=str(row["track_id"] or NOT_GIVEN),
                language=row["session_language"] or NOT_GIVEN,
                lead_type=own[0][0] if own else NOT_GIVEN,
                is_co_led=row["is_co_led"],
                countries=found or (frozenset({author_country}) if author_country else frozenset()),
                stages=_stages(
                    row["decision__outcome"], row["decision__applied_at"], row["decision__reply"]
                ),
            )
        )
    return facts


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    counts: tuple[int, ...]
    percents: tuple[float | None, ...]

    @property
    def cells(self) -> list[tuple[int, float | None]]:
        return list(zip(self.counts, self.percents, strict=True))


@dataclass(frozen=True)
class Breakdown:
    """One dimension of the balance: its categories with their counts per stage."""

    slug: str
    title: str
    categories: list[Category]
    chart: GroupedBarChart | None
    # Whether a proposal may count in several categories (several countries).
    overlaps: bool = False


@dataclass(frozen=True)
class Balance:
    stages: list[str]
    totals: tuple[int, ...]
    co_led: tuple[int, ...]
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def stage_rows(self) -> list[tuple[str, int, int]]:
        return list(zip(self.stages, self.totals, self.co_led, strict=True))


def _percent(count: int, total: int) -> float | None:
    return 100 * count / total if total else None


def _breakdown(
    slug: str,
    title: str,
    facts: list[ProposalFacts],
    keys_of: Callable[[ProposalFacts], Iterable[str]],
    known: list[tuple[str, str]],
    extra: list[tuple[str, str]],
    totals: tuple[int, ...],
    *,
    overlaps: bool = False,
) -> Breakdown:
    """Count each proposal once in each of its categories, at each of its stages.

    `known` categories are always shown, in their order; `extra` ones (not
    given, other) only when some proposal falls in them.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for fact in facts:
        for key in set(keys_of(fact)):
            counts[key].update(fact.stages)
    shown = [*known, *((key, label) for key, label in extra if counts.get(key))]
    categories = []
    for key, label in shown:
        per_stage = tuple(counts[key][stage] for stage in STAGES)
        categories.append(
            Category(
                key=key,
                label=label,
                counts=per_stage,
                percents=tuple(_percent(n, t) for n, t in zip(per_stage, totals, strict=True)),
            )
        )
    chart = grouped_bar_chart(
        [
            (
                category.label,
                [(n, p or 0.0) for n, p in zip(category.counts, category.percents, strict=True)],
            )
            for category in categories
        ],
        stage_labels(),
    )
    return Breakdown(slug=slug, title=title, categories=categories, chart=chart, overlaps=overlaps)


def _top_countries(facts: list[ProposalFacts]) -> list[tuple[str, str]]:
    """The countries found most often among submitted proposals, most first."""
    seen = Counter(code for fact in facts for code in fact.countries)
    names = {code: str(countries.name(code)) or code for code in seen}
    ranked = sorted(seen, key=lambda code: (-seen[code], names[code]))
    return [(code, names[code]) for code in ranked]


def summit_balance(summit: Summit, scope) -> Balance:
    """The balance of the reviewable proposals in `scope`, in four queries."""
    facts = proposal_facts(summit, scope)
    totals = tuple(sum(stage in fact.stages for fact in facts) for stage in STAGES)
    co_led = tuple(
        sum(stage in fact.stages and fact.is_co_led for fact in facts) for stage in STAGES
    )
    formats = list(SessionFormat.objects.filter(call__summit=summit))
    tracks = scoped_tracks(summit, scope)
    ranked = _top_countries(facts)
    top = {code for code, _name in ranked[:TOP_COUNTRIES]}
    languages = Counter(fact.language for fact in facts if fact.language != NOT_GIVEN)
    language_order = [
        *summit.languages,
        *sorted(
            (code for code in languages if code not in summit.languages),
            key=lambda code: (-languages[code], code),
        ),
    ]

    def country_keys(fact: ProposalFacts) -> set[str]:
        if not fact.countries:
            return {NOT_GIVEN}
        return {code if code in top else OTHER for code in fact.countries}

    def region_keys(fact: ProposalFacts) -> set[str]:
        return {region_code(code) or NOT_GIVEN for code in fact.countries} or {NOT_GIVEN}

    not_given_country = [(NOT_GIVEN, _("Country not given"))]
    breakdowns = [
        _breakdown(
            "types",
            _("Lead organisation’s type"),
            facts,
            lambda fact: [fact.lead_type],
            [(str(value), str(label)) for value, label in OrganisationType.choices],
            [(NOT_GIVEN, _("No organisation given"))],
            totals,
        ),
        _breakdown(
            "co-led",
            _("Co-led by a government and civil society"),
            facts,
            lambda fact: ["yes" if fact.is_co_led else "no"],
            [("yes", _("Co-led")), ("no", _("Not co-led"))],
            [],
            totals,
        ),
        _breakdown(
            "regions",
            _("Regions"),
            facts,
            region_keys,
            [(value, str(label)) for value, label in Region.choices if value != Region.ANTARCTICA],
            [(Region.ANTARCTICA.value, str(Region.ANTARCTICA.label)), *not_given_country],
            totals,
            overlaps=True,
        ),
        _breakdown(
            "countries",
            _("Countries"),
            facts,
            country_keys,
            ranked[:TOP_COUNTRIES],
            [(OTHER, _("Other countries")), *not_given_country],
            totals,
            overlaps=True,
        ),
        _breakdown(
            "formats",
            _("Formats"),
            facts,
            lambda fact: [fact.format],
            [(str(item.pk), str(item.name)) for item in formats],
            [(NOT_GIVEN, _("No format"))],
            totals,
        ),
        _breakdown(
            "tracks",
            _("Tracks"),
            facts,
            lambda fact: [fact.track],
            [(str(item.pk), str(item.name)) for item in tracks],
            [(NOT_GIVEN, _("No track"))],
            totals,
        ),
        _breakdown(
            "languages",
            _("Session languages"),
            facts,
            lambda fact: [fact.language],
            [(code, language_label(code)) for code in language_order],
            [(NOT_GIVEN, _("Language not given"))],
            totals,
        ),
    ]
    return Balance(stages=stage_labels(), totals=totals, co_led=co_led, breakdowns=breakdowns)


# The selection helper


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class CandidateRow:
    """A candidate as the page lists it."""

    pk: int
    title: str
    title_language: str
    score: float
    format: str
    track: str
    language: str
    civil_society_led: bool
    co_led: bool
    organisations: tuple[str, ...]
    decision: str


@dataclass(frozen=True)
class Pool:
    """The candidates of the selection helper and what the page says about them.

    Candidates are the reviewable proposals in scope with at least one scored
    review (abstentions do not score), except those whose speakers were told
    they are accepted or rejected (`applied` counts them); their score is the
    mean of their reviews' totals (0 to 100). Wait-listed proposals stay
    candidates.
    """

    candidates: list[selection.Candidate]
    rows: dict[int, CandidateRow]
    formats: list[Option]
    tracks: list[Option]
    languages: list[Option]
    unscored: int
    applied: int


def _decision_label(decision: Decision | None) -> str:
    if decision is None:
        return ""
    if decision.applied_at is not None:
        return _("Wait-listed, speakers told")
    return _("Pending: %(outcome)s") % {"outcome": Outcome(decision.outcome).label}


def selection_pool(summit: Summit, scope) -> Pool:
    """Candidates for the selection helper, in five queries."""
    proposals = scoped_proposals(summit, scope)
    means = dict(
        Review.objects.filter(proposal__in=proposals, total__isnull=False)
        .values("proposal_id")
        .annotate(mean=Avg("total"))
        .values_list("proposal_id", "mean")
    )
    names: dict[int, list[str]] = defaultdict(list)
    lead_types: dict[int, str] = {}
    for proposal_id, name, kind in (
        ProposalOrganisation.objects.filter(proposal__in=proposals)
        .order_by("proposal_id", "position", "pk")
        .values_list("proposal_id", "name", "organisation_type")
    ):
        names[proposal_id].append(name)
        lead_types.setdefault(proposal_id, kind)
    formats = {item.pk: item for item in SessionFormat.objects.filter(call__summit=summit)}
    tracks = {item.pk: item for item in scoped_tracks(summit, scope)}

    candidates, rows = [], {}
    unscored = applied = 0
    for proposal in (
        proposals.select_related("decision")
        .only(
            "pk",
            "title",
            "language",
            "abstract",
            "other_language",
            "other_title",
            "other_abstract",
            "format_id",
            "track_id",
            "session_language",
            "is_co_led",
            "decision__outcome",
            "decision__id",
            "decision__applied_at",
        )
        .order_by("pk")
    ):
        decision = getattr(proposal, "decision", None)
        # An accept or a reject the speakers were told is final; a wait-list is not.
        if (
            decision is not None
            and decision.applied_at is not None
            and decision.outcome != Outcome.WAITLIST
        ):
            applied += 1
            continue
        if proposal.pk not in means:
            unscored += 1
            continue
        score = round(means[proposal.pk], 2)
        civil_society_led = lead_types.get(proposal.pk) == OrganisationType.CIVIL_SOCIETY
        candidate = selection.Candidate(
            id=proposal.pk,
            score=score,
            format=str(proposal.format_id or NOT_GIVEN),
            track=str(proposal.track_id or ""),
            language=proposal.session_language,
            civil_society_led=civil_society_led,
            co_led=proposal.is_co_led,
            organisations=tuple(names.get(proposal.pk, ())),
        )
        candidates.append(candidate)
        text = reader_text(proposal)
        format_ = formats.get(proposal.format_id)
        track = tracks.get(proposal.track_id)
        rows[proposal.pk] = CandidateRow(
            pk=proposal.pk,
            title=text.title or str(_("Untitled proposal")),
            title_language=text.title_language,
            score=score,
            format=str(format_.name) if format_ else "",
            track=str(track.name) if track else "",
            language=language_label(proposal.session_language),
            civil_society_led=civil_society_led,
            co_led=proposal.is_co_led,
            organisations=candidate.organisations,
            decision=_decision_label(decision),
        )

    per_format = Counter(candidate.format for candidate in candidates)
    per_track = Counter(candidate.track for candidate in candidates)
    per_language = Counter(candidate.language for candidate in candidates)
    return Pool(
        candidates=candidates,
        rows=rows,
        formats=[
            Option(str(pk), str(item.name), per_format[str(pk)]) for pk, item in formats.items()
        ],
        tracks=[Option(str(pk), str(item.name), per_track[str(pk)]) for pk, item in tracks.items()],
        languages=[
            Option(code, language_label(code), per_language[code])
            for code in dict.fromkeys([*summit.languages, *sorted(per_language)])
            if code
        ],
        unscored=unscored,
        applied=applied,
    )


def get_proposals_for_selection(summit: Summit, scope, pks: list[int]) -> list[Proposal]:
    """The reviewable proposals in `scope` with these primary keys; 404 when one is not."""
    wanted = set(pks)
    proposals = list(scoped_proposals(summit, scope).filter(pk__in=wanted).order_by("pk"))
    if not wanted or len(proposals) != len(wanted):
        raise Http404
    return proposals


# What a selection achieves


@dataclass(frozen=True)
class Achieved:
    """A group of the proposed selection: how many it gets, its share, what was asked."""

    label: str
    count: int
    percent: float
    candidates: int = 0
    asked: int | None = None


@dataclass(frozen=True)
class Report:
    rows: list[CandidateRow]
    total_score: float
    unconstrained_score: float
    balance_cost: float
    cost_percent: float
    is_optimal: bool
    seconds: float
    civil_society: Achieved
    co_led: Achieved
    formats: list[Achieved]
    tracks: list[Achieved]
    languages: list[Achieved]
    largest_per_organisation: int


def selection_report(
    pool: Pool, rules: selection.SelectionRules, result: selection.Selection
) -> Report:
    """What the proposed selection is and achieves, against what was asked."""
    accepted = [pool.rows[pk] for pk in result.accepted]
    accepted.sort(key=lambda row: (-row.score, row.pk))
    chosen = [c for c in pool.candidates if c.id in set(result.accepted)]
    count = len(chosen)

    def percent(n: int) -> float:
        return 100 * n / count if count else 0.0

    per_organisation = Counter(
        name
        for candidate in chosen
        for name in {selection.normalise_organisation(o) for o in candidate.organisations} - {""}
    )
    civil_society = sum(c.civil_society_led for c in chosen)
    co_led = sum(c.co_led for c in chosen)
    return Report(
        rows=accepted,
        total_score=result.total_score,
        unconstrained_score=result.unconstrained_score,
        balance_cost=result.balance_cost,
        cost_percent=(
            100 * result.balance_cost / result.unconstrained_score
            if result.unconstrained_score > 0
            else 0.0
        ),
        is_optimal=result.is_optimal,
        seconds=result.seconds,
        civil_society=Achieved(
            _("Led by civil society"),
            civil_society,
            percent(civil_society),
            asked=round(rules.min_civil_society_share * 100),
        ),
        co_led=Achieved(
            _("Co-led by a government and civil society"),
            co_led,
            percent(co_led),
            asked=round(rules.min_co_led_share * 100),
        ),
        formats=[
            Achieved(
                option.label,
                result.per_format.get(option.key, 0),
                percent(result.per_format.get(option.key, 0)),
                candidates=option.count,
                asked=rules.slots_per_format.get(option.key, 0),
            )
            for option in pool.formats
        ],
        tracks=[
            Achieved(
                option.label,
                result.per_track.get(option.key, 0),
                percent(result.per_track.get(option.key, 0)),
                candidates=option.count,
            )
            for option in pool.tracks
        ],
        languages=[
            Achieved(
                option.label,
                result.per_language.get(option.key, 0),
                percent(result.per_language.get(option.key, 0)),
                candidates=option.count,
                asked=rules.min_per_language.get(option.key, 0),
            )
            for option in pool.languages
        ],
        largest_per_organisation=max(per_organisation.values(), default=0),
    )
