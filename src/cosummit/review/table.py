"""The review table: every proposal a decider sees, with its reviews in figures.

The table is built in a fixed number of queries, whatever the number of
proposals and reviews: the proposals, their organisations, their reviews,
their decisions (and their speakers when names may be shown) are each read in
one query of plain values, then joined, summarised, filtered and sorted in
Python. Every row is kept, so that sorting and filtering work over the whole
call; the page shows all of them (700 proposals render well within the time
the issue allows, see bench/review_table.py).

Totals go from 0 to 100. A review's total weighs its criteria by their weights
(`Review.total`); the table shows for each proposal the mean of those totals
(weighted), their median and their spread, and the mean total with every
criterion counted equally, beside the mean score of each criterion on its own
scale.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cosummit.accounts.models import OrganisationType
from cosummit.core.i18n import TranslatedText
from cosummit.proposals.models import ProposalOrganisation, SessionFormat, Speaker, Track
from cosummit.registration.exports import safe_cell
from cosummit.summits.models import Summit

from . import domain, queries
from .models import Criterion, Decision, Outcome, Review, ReviewSettings

CO_LED = "co_led"
UNDECIDED, PENDING, APPLIED = "undecided", "pending", "applied"
DEFAULT_SORT = "-weighted"
# Columns sorted by a number; criteria add "criterion-<pk>".
NUMERIC_KEYS = ("reviews", "abstentions", "mean", "weighted", "median", "spread")


def lead_choices() -> list[tuple[str, str]]:
    """Who leads a proposal: co-led, or the type of its first organisation."""
    return [(CO_LED, _("Co-led")), *OrganisationType.choices]


def decision_state_choices() -> list[tuple[str, str]]:
    return [
        (UNDECIDED, pgettext("decision", "Not decided")),
        (PENDING, pgettext("decision", "Pending")),
        (APPLIED, pgettext("decision", "Applied")),
    ]


@dataclass(frozen=True, slots=True)
class Named:
    """A track or a format, as the table names it."""

    pk: int
    key: str
    name: TranslatedText


@dataclass(slots=True)
class Row:
    """One proposal of the table with its reviews in figures."""

    pk: int
    title: str
    title_language: str
    format: Named | None
    track: Named | None
    language: str
    lead: str
    reviews: int
    abstentions: int
    criterion_means: list[float | None]
    mean: float | None
    weighted: float | None
    median: float | None
    spread: float | None
    disagrees: bool
    decision: str
    outcome: str
    # Empty when the table is blind for its reader.
    speakers: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


@dataclass
class Table:
    """Every row a decider may see, and what the page needs to describe them."""

    rows: list[Row]
    criteria: list[Criterion]
    tracks: list[Named]
    formats: list[Named]
    languages: list[str]
    wanted: int
    threshold: int
    is_blind: bool


@dataclass(frozen=True)
class TableFilters:
    """Which rows to keep; empty values keep every row."""

    track: str = ""
    format: int | None = None
    language: str = ""
    decision: str = ""
    outcome: str = ""
    disagreement: bool = False
    incomplete: bool = False


def _title(values: dict, language: str) -> tuple[str, str]:
    """The title in the reader's language when the authors gave it, and its language."""
    if values["other_title"] and values["other_language"] == language:
        return values["other_title"], values["other_language"]
    return values["title"] or _("Untitled proposal"), values["language"]


def _criterion_means(
    scores: list[dict], scales: list[tuple[str, int, int]]
) -> tuple[list[float | None], float | None]:
    """The mean score of each criterion, and the mean of the reviews' totals with every
    criterion counted equally; `scales` holds each criterion's key, lowest score and span.
    """
    sums = [0.0] * len(scales)
    counts = [0] * len(scales)
    equal_totals = []
    for review in scores:
        parts = 0.0
        scored = 0
        for index, (key, low, span) in enumerate(scales):
            score = review.get(key)
            if score is None:
                continue
            sums[index] += score
            counts[index] += 1
            parts += (score - low) / span
            scored += 1
        if scored:
            equal_totals.append(100 * parts / scored)
    means = [
        round(total / count, 2) if count else None
        for total, count in zip(sums, counts, strict=True)
    ]
    mean = round(sum(equal_totals) / len(equal_totals), 2) if equal_totals else None
    return means, mean


def build_table(
    summit: Summit,
    *,
    scope: set[int | None] | None,
    is_blind: bool,
    settings: ReviewSettings | None = None,
    language: str = "",
) -> Table:
    """Every reviewable proposal of `summit` within `scope` (None: every track), with its
    reviews summarised, in the order of submission.

    Speakers' names and organisations are left out when `is_blind`: the caller
    asks `queries.is_blind_for(user, summit)`. Seven queries, or eight with names.
    """
    settings = settings or queries.review_settings(summit)
    all_criteria = queries.criteria(summit)
    scales = [(str(c.pk), c.scale_min, c.scale_max - c.scale_min) for c in all_criteria]
    tracks = {
        track["pk"]: Named(track["pk"], track["slug"], TranslatedText(track["name"] or {}))
        for track in Track.objects.filter(summit=summit).values("pk", "slug", "name")
        if scope is None or track["pk"] in scope
    }
    formats = {
        item["pk"]: Named(item["pk"], str(item["pk"]), TranslatedText(item["name"] or {}))
        for item in SessionFormat.objects.filter(call__summit=summit).values("pk", "name")
    }
    proposals = queries.in_scope(queries.reviewable_proposals(summit), scope)
    proposal_values = list(
        proposals.order_by("submitted_at", "pk").values(
            "pk",
            "title",
            "language",
            "other_title",
            "other_language",
            "session_language",
            "format_id",
            "track_id",
            "is_co_led",
        )
    )

    organisations: dict[int, list[tuple[str, str]]] = {}
    for proposal_id, name, kind in (
        ProposalOrganisation.objects.filter(proposal__in=proposals)
        .order_by("position", "pk")
        .values_list("proposal_id", "name", "organisation_type")
    ):
        organisations.setdefault(proposal_id, []).append((name, kind))

    speakers: dict[int, list[str]] = {}
    if not is_blind:
        for proposal_id, name, email in (
            Speaker.objects.filter(proposal__in=proposals)
            .order_by("position", "pk")
            .values_list("proposal_id", "user__name", "user__email")
        ):
            speakers.setdefault(proposal_id, []).append(name or email)

    scored: dict[int, list[tuple[dict, float]]] = {}
    abstentions: dict[int, int] = {}
    for proposal_id, scores, total, is_abstained in Review.objects.filter(
        proposal__in=proposals
    ).values_list("proposal_id", "scores", "total", "is_abstained"):
        if is_abstained or total is None:
            abstentions[proposal_id] = abstentions.get(proposal_id, 0) + 1
        else:
            scored.setdefault(proposal_id, []).append((scores or {}, total))

    decisions = {
        proposal_id: (outcome, APPLIED if applied_at else PENDING)
        for proposal_id, outcome, applied_at in Decision.objects.filter(
            proposal__in=proposals
        ).values_list("proposal_id", "outcome", "applied_at")
    }

    rows = []
    for values in proposal_values:
        pk = values["pk"]
        reviews = scored.get(pk, [])
        summary = domain.summarise([total for _scores, total in reviews])
        means, equal_mean = _criterion_means([scores for scores, _total in reviews], scales)
        mine = organisations.get(pk, [])
        outcome, state = decisions.get(pk, ("", UNDECIDED))
        title, title_language = _title(values, language)
        rows.append(
            Row(
                pk=pk,
                title=title,
                title_language=title_language,
                format=formats.get(values["format_id"]),
                track=tracks.get(values["track_id"]),
                language=values["session_language"] or values["language"],
                lead=CO_LED if values["is_co_led"] else (mine[0][1] if mine else ""),
                reviews=summary.count,
                abstentions=abstentions.get(pk, 0),
                criterion_means=means,
                mean=equal_mean,
                weighted=summary.mean,
                median=summary.median,
                spread=summary.spread,
                disagrees=summary.disagrees(settings.disagreement),
                decision=state,
                outcome=outcome,
                speakers=speakers.get(pk, []),
                organisations=[] if is_blind else [name for name, _kind in mine],
            )
        )
    return Table(
        rows=rows,
        criteria=all_criteria,
        tracks=list(tracks.values()),
        formats=list(formats.values()),
        languages=sorted({row.language for row in rows if row.language}),
        wanted=settings.reviews_per_proposal,
        threshold=settings.disagreement,
        is_blind=is_blind,
    )


def filter_rows(rows: list[Row], filters: TableFilters, *, wanted: int) -> list[Row]:
    """The rows that pass every filter; `wanted` is the number of reviews per proposal."""
    kept = []
    for row in rows:
        if filters.track and (row.track is None or row.track.key != filters.track):
            continue
        if filters.format is not None and (row.format is None or row.format.pk != filters.format):
            continue
        if filters.language and row.language != filters.language:
            continue
        if filters.decision and row.decision != filters.decision:
            continue
        if filters.outcome and row.outcome != filters.outcome:
            continue
        if filters.disagreement and not row.disagrees:
            continue
        if filters.incomplete and row.reviews >= wanted:
            continue
        kept.append(row)
    return kept


def sort_keys(criteria: list[Criterion]) -> list[str]:
    """Every column the table sorts by, ascending; "-" before one sorts descending."""
    return ["title", *NUMERIC_KEYS, *(f"criterion-{criterion.pk}" for criterion in criteria)]


def valid_sort(sort: str, criteria: list[Criterion]) -> str:
    """`sort` when it names a column, the default order otherwise."""
    if sort.removeprefix("-") in sort_keys(criteria):
        return sort
    return DEFAULT_SORT


def sort_rows(rows: list[Row], sort: str, criteria: list[Criterion]) -> list[Row]:
    """`rows` in the order `sort` names (checked with `valid_sort` first).

    Rows without a figure (no review yet) come last in both directions; equal
    figures keep the order of submission.
    """
    key = valid_sort(sort, criteria)
    descending = key.startswith("-")
    key = key.removeprefix("-")
    if key == "title":
        return sorted(rows, key=lambda row: row.title.casefold(), reverse=descending)
    if key.startswith("criterion-"):
        index = [f"criterion-{c.pk}" for c in criteria].index(key)

        def figure(row):
            return row.criterion_means[index]
    else:

        def figure(row):
            return getattr(row, key)

    known = [row for row in rows if figure(row) is not None]
    unknown = [row for row in rows if figure(row) is None]
    return sorted(known, key=figure, reverse=descending) + unknown


# CSV


def _csv_figure(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def csv_header(table: Table) -> list[str]:
    names = [
        _("Number"),
        _("Title"),
        _("Format"),
        _("Track"),
        _("Language"),
        _("Led by"),
    ]
    if not table.is_blind:
        names += [_("Speakers"), _("Organisations")]
    return [
        *names,
        _("Reviews"),
        _("Reviews wanted"),
        _("Abstentions"),
        *(
            _("%(criterion)s (mean, %(low)s to %(high)s)")
            % {"criterion": c.name, "low": c.scale_min, "high": c.scale_max}
            for c in table.criteria
        ),
        _("Mean total, criteria counted equally"),
        _("Weighted total"),
        _("Median total"),
        _("Spread"),
        _("Disagreement"),
        pgettext("decision", "Decision"),
        pgettext("decision", "Decision state"),
    ]


def table_csv(table: Table, rows: list[Row]) -> str:
    """The CSV text of `rows`, labels in the active language, figures with a dot.

    Speakers and organisations are left out when the table is blind. A cell
    that a spreadsheet would run as a formula is written with a leading quote.
    """
    leads = dict(lead_choices())
    outcomes = dict(Outcome.choices)
    states = dict(decision_state_choices())
    yes, no = _("yes"), _("no")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in csv_header(table)])
    for row in rows:
        cells = [
            str(row.pk),
            row.title,
            row.format.name.localize().text if row.format else "",
            row.track.name.localize().text if row.track else "",
            row.language,
            leads.get(row.lead, ""),
        ]
        if not table.is_blind:
            cells += ["; ".join(row.speakers), "; ".join(row.organisations)]
        cells += [
            str(row.reviews),
            str(table.wanted),
            str(row.abstentions),
            *(_csv_figure(value) for value in row.criterion_means),
            _csv_figure(row.mean),
            _csv_figure(row.weighted),
            _csv_figure(row.median),
            _csv_figure(row.spread),
            yes if row.disagrees else no,
            outcomes.get(row.outcome, ""),
            states[row.decision],
        ]
        writer.writerow([safe_cell(cell) for cell in cells])
    return buffer.getvalue()


def csv_filename(summit: Summit) -> str:
    return f"review-{summit.slug}.csv"
