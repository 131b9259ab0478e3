"""Limit/offset pages for list endpoints, with links to the next and previous pages."""

from typing import Any
from urllib.parse import urlencode

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Far beyond any real list, and small enough for every database's OFFSET.
MAX_OFFSET = 1_000_000


def _limit_description() -> str:
    return gettext("How many items to return, at most %(max)d.") % {"max": MAX_LIMIT}


class LimitOffsetPagination(PaginationBase):
    """`?limit=&offset=`, answered with the total count and page links.

    Two queries per page: the count, then the items.
    """

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT,
            ge=1,
            le=MAX_LIMIT,
            description=lazy(_limit_description, str)(),
        )
        offset: int = Field(
            0, ge=0, le=MAX_OFFSET, description=_("How many items to skip from the start.")
        )

    class Output(Schema):
        count: int = Field(description=_("Number of items in the whole list."))
        limit: int
        offset: int
        next: str | None = Field(description=_("Address of the next page, if there is one."))
        previous: str | None = Field(
            description=_("Address of the previous page, if there is one.")
        )
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        count = queryset.count()
        limit, offset = pagination.limit, pagination.offset
        next_offset = offset + limit if offset + limit < count else None
        previous_offset = max(offset - limit, 0) if offset > 0 else None
        return {
            "count": count,
            "limit": limit,
            "offset": offset,
            "next": _page_url(request, limit=limit, offset=next_offset),
            "previous": _page_url(request, limit=limit, offset=previous_offset),
            "items": queryset[offset : offset + limit],
        }


def _page_url(request, *, limit: int, offset: int | None) -> str | None:
    if offset is None:
        return None
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(
        f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"
    )
