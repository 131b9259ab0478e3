"""Organisers: read the working agenda and its warnings, move sessions in it.

Through the same functions as the agenda builder's pages
(`cosummit.programme.builder`). Only the summit's organisers get answers;
anyone else gets 404. A move that cannot be made (a room of another summit,
a time on no programme day, a pitch inside a pitch session…) is refused with
422 and a message saying why; warnings never refuse a move.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from cosummit.programme import builder, builder_queries
from cosummit.programme.models import Slot
from cosummit.programme.queries import working_slots
from cosummit.programme.warnings import agenda_warnings
from cosummit.summits.models import Room
from cosummit.summits.queries import get_summit_for_organiser

from .auth import token_required
from .programme import from_session
from .schemas import READ_ERRORS, ErrorOut, ValidationErrorOut

router = Router(auth=token_required, tags=["programme"])

SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
SessionId = Path(description=gettext_lazy("The session's number."))


class WorkingSlotOut(Schema):
    session: int = Field(description=gettext_lazy("The session's number."))
    title: str
    kind: str = Field(description=gettext_lazy("session, pitches, plenary or break."))
    room: int | None = Field(description=gettext_lazy("The room's number; null when not placed."))
    starts_at: dt.datetime | None = Field(description=gettext_lazy("Null when not placed."))
    ends_at: dt.datetime | None
    is_pinned: bool
    takes_whole_venue: bool
    pitch_session: int | None = Field(
        description=gettext_lazy(
            "The pitch session whose place this pitch takes; null for other sessions."
        )
    )

    resolve_title = from_session("title")
    resolve_kind = from_session("kind")
    resolve_is_pinned = from_session("is_pinned")
    resolve_takes_whole_venue = from_session("takes_whole_venue")
    resolve_pitch_session = from_session("pitch_session_id")

    @staticmethod
    def resolve_session(slot) -> int:
        return slot.session_id

    @staticmethod
    def resolve_room(slot) -> int | None:
        return slot.room_id


class WarningOut(Schema):
    kind: str = Field(
        description=gettext_lazy(
            "speaker_clash, speaker_unavailable, room_clash, room_too_small, "
            "missing_equipment, no_step_free_access, no_booth, not_a_programme_day, "
            "outside_track_days or during_fixed_item."
        )
    )
    session: int
    title: str
    message: str = Field(description=gettext_lazy("The warning, in the request's language."))
    starts_at: dt.datetime
    other: int | None = Field(
        description=gettext_lazy("The other session concerned, when there is one.")
    )


class MoveIn(Schema):
    room: int | None = Field(
        description=gettext_lazy(
            "The room's number; null only for a fixed item that holds every room."
        )
    )
    starts_at: dt.datetime = Field(
        description=gettext_lazy(
            "When the session starts; without a time zone, in the summit's. It ends "
            "its duration later."
        )
    )


class SlotFilters(Schema):
    day: dt.date | None = Field(
        None, description=gettext_lazy("Only the slots starting on this day (summit's time).")
    )
    placed: bool | None = Field(
        None, description=gettext_lazy("true: placed slots only; false: unplaced ones only.")
    )


WRITE_ERRORS = {404: ErrorOut, 422: ValidationErrorOut, 401: ErrorOut}


def summit_for_organiser(user, slug: str):
    """The summit `user` organises, or a 404 saying there is none by that name."""
    try:
        return get_summit_for_organiser(user, slug)
    except Http404:
        raise HttpError(
            404, _("There is no summit “%(slug)s” that you organise.") % {"slug": slug}
        ) from None


def _session(summit, session_id: int):
    try:
        return builder_queries.get_session_for_builder(summit, session_id)
    except Http404:
        raise HttpError(
            404,
            _("The summit has no session number %(number)d.") % {"number": session_id},
        ) from None


def _slot_out(session) -> Slot:
    return (
        Slot.objects.filter(session=session, release__isnull=True).select_related("session").get()
    )


@router.get(
    "/{slug:slug}/programme/working/slots",
    response={200: list[WorkingSlotOut], 404: ErrorOut, **READ_ERRORS},
    summary=gettext_lazy("The working agenda"),
    description=gettext_lazy(
        "Every session's place in the organisers' working agenda, placed or not, by time "
        "and room. Organisers only."
    ),
)
def list_working_slots(request, slug: str = SummitSlug, filters: Query[SlotFilters] = None):
    summit = summit_for_organiser(request.auth, slug)
    slots = working_slots(summit)
    if filters is not None and filters.day is not None:
        start, end = builder_queries.day_bounds(filters.day, summit.tz)
        slots = slots.filter(starts_at__gte=start, starts_at__lt=end)
    if filters is not None and filters.placed is not None:
        slots = slots.filter(starts_at__isnull=not filters.placed)
    return list(slots)


@router.get(
    "/{slug:slug}/programme/working/warnings",
    response={200: list[WarningOut], 404: ErrorOut, **READ_ERRORS},
    summary=gettext_lazy("Warnings on the working agenda"),
    description=gettext_lazy(
        "Clashes and unmet needs in the working agenda, by time. They never block a move."
    ),
)
def list_warnings(request, slug: str = SummitSlug):
    summit = summit_for_organiser(request.auth, slug)
    return agenda_warnings(summit)


def _invalid(error: ValidationError, field: str = "body"):
    problems = [
        {"location": "body", "field": field, "message": message} for message in error.messages
    ]
    return Status(422, {"detail": " ".join(error.messages), "errors": problems})


@router.put(
    "/{slug:slug}/programme/working/sessions/{int:session_id}/place",
    response={200: WorkingSlotOut, **WRITE_ERRORS},
    summary=gettext_lazy("Move a session"),
    description=gettext_lazy(
        "Put a session into a room at a time in the working agenda. 422 when the room is "
        "not the summit's, the time is on no programme day, the session has no duration "
        "or is a pitch inside a pitch session."
    ),
)
def place(request, payload: MoveIn, slug: str = SummitSlug, session_id: int = SessionId):
    summit = summit_for_organiser(request.auth, slug)
    session = _session(summit, session_id)
    room = None
    if payload.room is not None:
        room = Room.objects.filter(pk=payload.room).select_related("venue").first()
        if room is None or room.venue.summit_id != summit.pk:
            return _invalid(
                ValidationError(_("This room is not in one of the summit's venues.")), "room"
            )
    starts_at = payload.starts_at
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=summit.tz)
    try:
        builder.place_session(session, room=room, starts_at=starts_at, by=request.auth)
    except ValidationError as error:
        return _invalid(error)
    return _slot_out(session)


router.add_api_operation(
    "/{slug:slug}/programme/working/sessions/{int:session_id}/place",
    ["POST"],
    place,
    response={200: WorkingSlotOut, **WRITE_ERRORS},
    summary=gettext_lazy("Move a session (POST)"),
    description=gettext_lazy("The same as PUT, for clients that can only POST."),
    operation_id="programme_builder_place_post",
)


@router.post(
    "/{slug:slug}/programme/working/sessions/{int:session_id}/unschedule",
    response={200: WorkingSlotOut, 404: ErrorOut, **READ_ERRORS},
    summary=gettext_lazy("Unschedule a session"),
    description=gettext_lazy(
        "Take a session out of the working agenda: it goes back to the unscheduled list."
    ),
)
def unschedule(request, slug: str = SummitSlug, session_id: int = SessionId):
    summit = summit_for_organiser(request.auth, slug)
    session = _session(summit, session_id)
    builder.unschedule_session(session, by=request.auth)
    return _slot_out(session)
