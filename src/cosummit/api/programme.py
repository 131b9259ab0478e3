"""The released programme, for anyone: days, sessions, rooms and speakers.

Only the latest release is shown, as on the public agenda; before the first
release every endpoint answers 404 saying the programme is not published yet.
"""

import datetime as dt
from typing import Annotated

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import BeforeValidator

from cosummit.accounts.models import User
from cosummit.programme import queries
from cosummit.programme.models import Day, Session, Slot
from cosummit.summits.models import Room

from .auth import ANONYMOUS_ALLOWED, token_optional
from .pagination import LimitOffsetPagination
from .schemas import READ_ERRORS, ErrorOut, Translated

router = Router(auth=token_optional, tags=["programme"])

SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
SessionFilterParams = Query(...)
SessionId = Path(description=gettext_lazy("The session's number."))


def from_session(name: str) -> staticmethod:
    """A schema's resolver for a field read from a slot's session: its attribute `name`."""
    return staticmethod(lambda slot: getattr(slot.session, name))


class ReleaseOut(Schema):
    version: int
    released_at: dt.datetime


class DayOut(Schema):
    date: dt.date = Field(description=gettext_lazy("The day, in the summit's time zone."))
    name: Translated
    sessions: int = Field(description=gettext_lazy("Number of sessions on the day."))


class DaysOut(Schema):
    release: ReleaseOut
    timezone: str = Field(description=gettext_lazy("IANA time zone, such as Europe/Paris."))
    days: list[DayOut]


class RoomRefOut(Schema):
    id: int
    name: Translated


class RoomOut(RoomRefOut):
    venue: Translated = Field(description=gettext_lazy("The venue's name."))
    capacity: int
    is_step_free: bool
    equipment: list[str]
    interpretation_booths: list[str] = Field(
        description=gettext_lazy("Language codes the room's booths interpret into.")
    )

    @staticmethod
    def resolve_venue(room) -> dict:
        return room.venue.name


class SpeakerRefOut(Schema):
    id: int
    name: str


class TrackOut(Schema):
    slug: str
    name: Translated


class FormatOut(Schema):
    id: int
    name: Translated


class PitchOut(Schema):
    """A pitch given in a pitch session, with its own speakers."""

    id: int
    title: str
    speakers: list[SpeakerRefOut]

    @staticmethod
    def resolve_speakers(pitch) -> list:
        return list(pitch.speakers.all())


class SessionOut(Schema):
    """A released session with its place; read from the release's slot."""

    id: int
    kind: str = Field(description=gettext_lazy("session, pitches, plenary or break."))
    title: str
    abstract: str
    language: str = Field(description=gettext_lazy("The session's language code."))
    interpretation: list[str] = Field(
        description=gettext_lazy("Language codes the session is interpreted into.")
    )
    track: TrackOut | None
    format: FormatOut | None
    takes_whole_venue: bool
    speakers: list[SpeakerRefOut]
    pitches: list[PitchOut] = Field(
        description=gettext_lazy("In a pitch session, its pitches and their speakers.")
    )
    room: RoomRefOut | None
    starts_at: dt.datetime = Field(description=gettext_lazy("In the summit's time zone."))
    ends_at: dt.datetime = Field(description=gettext_lazy("In the summit's time zone."))
    url: str = Field(description=gettext_lazy("The session's page on the site."))

    resolve_kind = from_session("kind")
    resolve_title = from_session("title")
    resolve_abstract = from_session("abstract")
    resolve_language = from_session("language")
    resolve_track = from_session("track")
    resolve_format = from_session("format")
    resolve_takes_whole_venue = from_session("takes_whole_venue")

    @staticmethod
    def resolve_id(slot) -> int:
        return slot.session_id

    @staticmethod
    def resolve_interpretation(slot) -> list[str]:
        return list(slot.session.interpretation or [])

    @staticmethod
    def resolve_starts_at(slot) -> dt.datetime:
        return slot.starts_at.astimezone(slot.session.summit.tz)

    @staticmethod
    def resolve_ends_at(slot) -> dt.datetime:
        return slot.ends_at.astimezone(slot.session.summit.tz)

    @staticmethod
    def resolve_speakers(slot) -> list:
        return list(slot.session.speakers.all())

    @staticmethod
    def resolve_pitches(slot) -> list:
        return list(slot.session.pitches.all())

    @staticmethod
    def resolve_url(slot, context) -> str:
        return context["request"].build_absolute_uri(
            reverse(
                "programme:session",
                kwargs={"summit": slot.session.summit.slug, "session": slot.session_id},
            )
        )


class SpeakerOut(SpeakerRefOut):
    organisation: str
    sessions: list[int] = Field(description=gettext_lazy("Their released sessions' numbers."))

    @staticmethod
    def resolve_sessions(user) -> list[int]:
        # A pitch grouped in a pitch session is given there: its number is the pitch session's.
        numbers = {
            session.pk if session.is_released else session.pitch_session_id
            for session in user.released_sessions
        }
        return sorted(numbers)


def _empty_is_none(value):
    return value or None


class SessionFilters(Schema):
    day: Annotated[dt.date | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("Sessions of this day (YYYY-MM-DD, summit's time zone).")
    )
    track: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("A track's slug.")
    )
    format: Annotated[int | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("A session format's id.")
    )
    language: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None, max_length=10, description=gettext_lazy("The session's language code.")
    )
    room: Annotated[int | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("A room's id.")
    )
    interpretation: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None,
        max_length=10,
        description=gettext_lazy("Sessions interpreted into this language code."),
    )
    q: str = Field(
        "",
        max_length=200,
        description=gettext_lazy("Words that must all appear in the title, abstract or speakers."),
    )


def _released(user, slug: str):
    """The summit and its latest release, or a 404 saying which is missing."""
    try:
        summit, release = queries.get_released_programme_for_user(user, slug)
    except Http404:
        raise HttpError(
            404, _("There is no summit “%(slug)s” that you may see.") % {"slug": slug}
        ) from None
    if release is None:
        raise HttpError(404, _("The programme is not published yet."))
    return summit, release


def _sessions(release):
    return (
        queries.released_slots(release)
        .select_related("session__summit")
        .prefetch_related(
            Prefetch("session__pitches", queryset=Session.objects.order_by("title", "pk")),
            Prefetch("session__pitches__speakers", queryset=User.objects.order_by("name", "pk")),
        )
    )


def _filtered(slots, summit, filters: SessionFilters):
    if filters.day is not None:
        start = dt.datetime.combine(filters.day, dt.time.min, tzinfo=summit.tz)
        slots = slots.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1))
    if filters.track:
        slots = slots.filter(session__track__slug=filters.track)
    if filters.format is not None:
        slots = slots.filter(session__format_id=filters.format)
    if filters.language:
        slots = slots.filter(session__language=filters.language)
    if filters.room is not None:
        slots = slots.filter(room_id=filters.room)
    if filters.interpretation:
        # The JSON list as text: the code in quotes is one of its items.
        slots = slots.filter(session__interpretation__icontains=f'"{filters.interpretation}"')
    for word in filters.q.split():
        matching = Session.objects.filter(
            Q(title__icontains=word)
            | Q(abstract__icontains=word)
            | Q(speakers__name__icontains=word)
        ).values("pk")
        slots = slots.filter(session__in=matching)
    return slots


@router.get(
    "/{slug:slug}/programme/days",
    response={200: DaysOut, 404: ErrorOut, **READ_ERRORS},
    url_name="programme_days",
    operation_id="list_programme_days",
    summary=gettext_lazy("List the days of the published programme"),
    description=gettext_lazy(
        "The latest release and the days that have sessions in it, with their number."
    ),
    openapi_extra=ANONYMOUS_ALLOWED,
)
def list_days(request, slug: str = SummitSlug):
    summit, release = _released(request.auth, slug)
    starts = queries.released_slots(release).values_list("starts_at", flat=True)
    counts: dict[dt.date, int] = {}
    for starts_at in starts:
        date = starts_at.astimezone(summit.tz).date()
        counts[date] = counts.get(date, 0) + 1
    names = {day.date: day.name for day in Day.objects.filter(summit=summit)}
    return {
        "release": release,
        "timezone": summit.timezone,
        "days": [
            {"date": date, "name": names.get(date) or {}, "sessions": count}
            for date, count in sorted(counts.items())
        ],
    }


@router.get(
    "/{slug:slug}/programme/sessions",
    response={200: list[SessionOut], 404: ErrorOut, **READ_ERRORS},
    url_name="programme_sessions",
    operation_id="list_programme_sessions",
    summary=gettext_lazy("List the sessions of the published programme"),
    description=gettext_lazy(
        "Sessions of the latest release with their room and time, by time then room, "
        "filtered like the site's agenda."
    ),
    openapi_extra=ANONYMOUS_ALLOWED,
)
@paginate(LimitOffsetPagination)
def list_sessions(request, slug: str = SummitSlug, filters: SessionFilters = SessionFilterParams):
    summit, release = _released(request.auth, slug)
    return _filtered(_sessions(release), summit, filters)


@router.get(
    "/{slug:slug}/programme/sessions/{int:session_id}",
    response={200: SessionOut, 404: ErrorOut, **READ_ERRORS},
    url_name="programme_session",
    operation_id="get_programme_session",
    summary=gettext_lazy("Get a session of the published programme"),
    openapi_extra=ANONYMOUS_ALLOWED,
)
def get_session(request, slug: str = SummitSlug, session_id: int = SessionId):
    _summit, release = _released(request.auth, slug)
    slot = _sessions(release).filter(session_id=session_id).first()
    if slot is None:
        raise HttpError(
            404,
            _("There is no session number %(number)d in the published programme.")
            % {"number": session_id},
        )
    return slot


@router.get(
    "/{slug:slug}/programme/rooms",
    response={200: list[RoomOut], 404: ErrorOut, **READ_ERRORS},
    url_name="programme_rooms",
    operation_id="list_programme_rooms",
    summary=gettext_lazy("List the rooms of the published programme"),
    description=gettext_lazy("The rooms in which sessions of the latest release take place."),
    openapi_extra=ANONYMOUS_ALLOWED,
)
def list_rooms(request, slug: str = SummitSlug):
    _summit, release = _released(request.auth, slug)
    return list(
        Room.objects.filter(slots__release=release)
        .distinct()
        .select_related("venue")
        .order_by("venue", "position", "pk")
    )


@router.get(
    "/{slug:slug}/programme/speakers",
    response={200: list[SpeakerOut], 404: ErrorOut, **READ_ERRORS},
    url_name="programme_speakers",
    operation_id="list_programme_speakers",
    summary=gettext_lazy("List the speakers of the published programme"),
    description=gettext_lazy("People who speak in sessions of the latest release, by name."),
    openapi_extra=ANONYMOUS_ALLOWED,
)
@paginate(LimitOffsetPagination)
def list_speakers(request, slug: str = SummitSlug):
    _summit, release = _released(request.auth, slug)
    placed = Slot.objects.filter(release=release, starts_at__isnull=False)
    # Their released sessions, and the pitches they give in a released pitch session.
    released = (
        Session.objects.filter(
            Q(pk__in=placed.values("session_id")) | Q(pitch_session__in=placed.values("session_id"))
        )
        .annotate(is_released=Exists(placed.filter(session=OuterRef("pk"))))
        .order_by("pk")
    )
    return (
        User.objects.filter(sessions__in=released)
        .distinct()
        .order_by("name", "pk")
        .prefetch_related(Prefetch("sessions", queryset=released, to_attr="released_sessions"))
    )
