"""The review table for organisers and conveners: each proposal's reviews in figures.

The same rows as the review table page (`cosummit.review.table`): organisers
get every track, conveners the tracks of their deciding teams, anyone else
404. Speakers' names and organisations are null when the review is blind for
the token's owner.
"""

from typing import Annotated, Literal

from django.http import Http404
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import BeforeValidator

from cosummit.review import queries, table
from cosummit.review.models import Outcome

from .auth import token_required
from .pagination import LimitOffsetPagination
from .schemas import READ_ERRORS, ErrorOut

router = Router(auth=token_required, tags=["review"])

SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
ScoreFilterParams = Query(...)


class CriterionMeanOut(Schema):
    criterion: int = Field(description=gettext_lazy("The criterion's id."))
    mean: float | None = Field(
        description=gettext_lazy("The mean score on the criterion's scale; null without reviews.")
    )


class ScoreRowOut(Schema):
    id: int = Field(description=gettext_lazy("The proposal's number."))
    title: str
    format: int | None = Field(description=gettext_lazy("The session format's id."))
    track: str | None = Field(description=gettext_lazy("The track's slug."))
    language: str = Field(description=gettext_lazy("The session's language code."))
    led_by: str = Field(
        description=gettext_lazy(
            "co_led, or the type of the first organisation (government, civil_society…); "
            "empty when the proposal names none."
        )
    )
    speakers: list[str] | None = Field(
        description=gettext_lazy("Speakers' names; null when the review is blind for you.")
    )
    organisations: list[str] | None = Field(
        description=gettext_lazy("Organisations' names; null when the review is blind for you.")
    )
    reviews: int = Field(description=gettext_lazy("Reviews with scores; abstentions left out."))
    reviews_wanted: int
    abstentions: int
    criteria: list[CriterionMeanOut]
    mean: float | None = Field(
        description=gettext_lazy("Mean total from 0 to 100, every criterion counted equally.")
    )
    weighted: float | None = Field(
        description=gettext_lazy("Mean of the reviews' weighted totals, from 0 to 100.")
    )
    median: float | None = Field(
        description=gettext_lazy("Median of the reviews' weighted totals.")
    )
    spread: float | None = Field(
        description=gettext_lazy("Highest minus lowest weighted total of the reviews.")
    )
    disagreement: bool = Field(
        description=gettext_lazy("Whether the spread is above the summit's threshold.")
    )
    decision: Outcome | None = Field(description=gettext_lazy("The decided outcome, if any."))
    decision_state: Literal["undecided", "pending", "applied"]


def _empty_is_none(value):
    return value or None


class ScoreFilters(Schema):
    track: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None, max_length=60, description=gettext_lazy("A track's slug.")
    )
    format: Annotated[int | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("A session format's id.")
    )
    language: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None, max_length=10, description=gettext_lazy("The session's language code.")
    )
    decision_state: Annotated[
        Literal["undecided", "pending", "applied"] | None, BeforeValidator(_empty_is_none)
    ] = None
    decision: Annotated[Outcome | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("Proposals with this outcome decided.")
    )
    disagreement: bool = Field(
        False, description=gettext_lazy("Only proposals whose reviewers disagree.")
    )
    incomplete: bool = Field(
        False, description=gettext_lazy("Only proposals with fewer reviews than wanted.")
    )
    sort: str = Field(
        table.DEFAULT_SORT,
        max_length=40,
        description=gettext_lazy(
            "title, reviews, abstentions, mean, weighted, median, spread or "
            "criterion-<id>; a leading “-” sorts from the highest."
        ),
    )

    def as_filters(self) -> table.TableFilters:
        return table.TableFilters(
            track=self.track or "",
            format=self.format,
            language=self.language or "",
            decision=self.decision_state or "",
            outcome=self.decision.value if self.decision else "",
            disagreement=self.disagreement,
            incomplete=self.incomplete,
        )


class _Rows:
    """A list that the limit/offset pagination counts and slices like a queryset."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows

    def count(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]


def _as_item(row: table.Row, data: table.Table) -> dict:
    return {
        "id": row.pk,
        "title": row.title,
        "format": row.format.pk if row.format else None,
        "track": row.track.key if row.track else None,
        "language": row.language,
        "led_by": row.lead,
        "speakers": None if data.is_blind else row.speakers,
        "organisations": None if data.is_blind else row.organisations,
        "reviews": row.reviews,
        "reviews_wanted": data.wanted,
        "abstentions": row.abstentions,
        "criteria": [
            {"criterion": criterion.pk, "mean": mean}
            for criterion, mean in zip(data.criteria, row.criterion_means, strict=True)
        ],
        "mean": row.mean,
        "weighted": row.weighted,
        "median": row.median,
        "spread": row.spread,
        "disagreement": row.disagrees,
        "decision": row.outcome or None,
        "decision_state": row.decision,
    }


@router.get(
    "/{slug:slug}/review/scores",
    response={200: list[ScoreRowOut], 404: ErrorOut, **READ_ERRORS},
    url_name="review_scores",
    operation_id="list_review_scores",
    summary=gettext_lazy("List the proposals' review scores"),
    description=gettext_lazy(
        "For organisers (every track) and conveners (their tracks): each submitted proposal "
        "with its number of reviews, the mean of each criterion, its totals and whether "
        "its reviewers disagree, sorted from the highest weighted total by default."
    ),
)
@paginate(LimitOffsetPagination)
def list_review_scores(request, slug: str = SummitSlug, filters: ScoreFilters = ScoreFilterParams):
    try:
        summit, scope = queries.get_summit_for_decider(request.auth, slug)
    except Http404:
        raise HttpError(
            404,
            _("There is no summit “%(slug)s” whose proposals you decide on.") % {"slug": slug},
        ) from None
    data = table.build_table(
        summit,
        scope=scope,
        is_blind=queries.is_blind_for(request.auth, summit),
        language=get_language(),
    )
    if table.valid_sort(filters.sort, data.criteria) != filters.sort:
        raise HttpError(
            422,
            _("Sort by one of: %(keys)s, with a leading “-” to sort from the highest.")
            % {"keys": ", ".join(table.sort_keys(data.criteria))},
        )
    rows = table.filter_rows(data.rows, filters.as_filters(), wanted=data.wanted)
    rows = table.sort_rows(rows, filters.sort, data.criteria)
    return _Rows([_as_item(row, data) for row in rows])
