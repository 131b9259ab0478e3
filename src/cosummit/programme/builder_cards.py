"""The session cards of the builder's grid and unscheduled list, rendered in Python.

A day's grid holds some 300 cards, each with its "Set room and time" form;
through the template engine they took most of the page's time (about 1.4 ms
a card), so they are put together here with `format_html`, which escapes
every value, and with the labels translated once per page. The markup is
the one `builder.js` and the stylesheet expect.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.middleware.csrf import get_token
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .builder_queries import GridItem


@dataclass(frozen=True)
class CardTexts:
    pinned: str
    minutes: str
    pitches: str
    warnings: str
    set_place: str
    room: str
    every_room: str
    starts_at: str
    place: str
    unschedule: str

    @classmethod
    def translated(cls) -> "CardTexts":
        return cls(
            pinned=_("pinned"),
            minutes=_("%(minutes)s min"),
            pitches=_("Pitches"),
            warnings=_("Warnings"),
            set_place=_("Set room and time"),
            room=_("Room"),
            every_room=_("Every room"),
            starts_at=_("Starts at"),
            place=_("Place"),
            unschedule=_("Unschedule"),
        )


class CardRenderer:
    """Renders the cards of one page: same labels, CSRF token, return address and zone."""

    def __init__(self, request, summit, *, here: str, default_start: str):
        self.texts = CardTexts.translated()
        self.zone = summit.tz
        self.here = here
        self.default_start = default_start
        self.csrf = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
        self.next = format_html('<input type="hidden" name="next" value="{}">', here)
        self.here_param = quote(here, safe="")

    def time_text(self, item: GridItem, show_room: bool) -> SafeString:
        slot = item.slot
        session = slot.session
        if slot.starts_at is None:
            if not session.duration:
                return SafeString("")
            return format_html(
                '<p class="builder-session__time">{}</p>',
                self.texts.minutes % {"minutes": session.duration},
            )
        starts = slot.starts_at.astimezone(self.zone).strftime("%H:%M")
        ends = slot.ends_at.astimezone(self.zone).strftime("%H:%M") if slot.ends_at else ""
        room = f", {slot.room.name}" if show_room and slot.room is not None else ""
        return format_html('<p class="builder-session__time">{}–{}{}</p>', starts, ends, room)

    def render(self, item: GridItem, *, show_room: bool = False) -> SafeString:
        slot = item.slot
        session = slot.session
        texts = self.texts
        classes = "builder-session"
        if item.warnings:
            classes += " builder-session--warned"
        if session.takes_whole_venue:
            classes += " builder-session--fixed"
        pinned = (
            format_html(' <span class="badge">{}</span>', texts.pinned) if session.is_pinned else ""
        )
        speakers = ", ".join(speaker.name for speaker in session.speakers.all())
        speakers_html = (
            format_html('<p class="builder-session__speakers">{}</p>', speakers) if speakers else ""
        )
        pitches = (
            format_html(
                '<ul class="builder-session__pitches" aria-label="{}">{}</ul>',
                texts.pitches,
                format_html_join("", "<li>{}</li>", ((pitch.title,) for pitch in item.pitches)),
            )
            if item.pitches
            else ""
        )
        warnings = (
            format_html(
                '<ul class="builder-warnings" aria-label="{}">{}</ul>',
                texts.warnings,
                format_html_join(
                    "",
                    '<li class="builder-warning builder-warning--{}">⚠ {}</li>',
                    ((warning.kind, warning.message) for warning in item.warnings),
                ),
            )
            if item.warnings
            else ""
        )
        every_room = (
            format_html('<option value="">{}</option>', texts.every_room)
            if session.takes_whole_venue
            else ""
        )
        start_value = (
            slot.starts_at.astimezone(self.zone).strftime("%Y-%m-%dT%H:%M")
            if slot.starts_at
            else self.default_start
        )
        unschedule = (
            format_html(
                '<form method="post" action="{}">{}{}'
                '<button type="submit" class="button button--secondary">{}</button></form>',
                item.urls["session_unschedule"],
                self.csrf,
                self.next,
                texts.unschedule,
            )
            if slot.starts_at
            else ""
        )
        return format_html(
            '<article class="{classes}" draggable="true" data-session="{pk}" '
            'data-place-url="{place_url}" data-unschedule-url="{unschedule_url}">'
            '<h3 class="builder-session__title"><a href="{edit_url}?next={next_param}">{title}</a>'
            "{pinned}</h3>{time}{speakers}{pitches}{warnings}"
            '<details class="builder-session__place"><summary>{set_place}</summary>'
            '<form method="post" action="{place_url}">{csrf}{next}'
            '<label for="room-{pk}">{room_label}</label>'
            '<select name="room" id="room-{pk}">{every_room}{options}</select>'
            '<label for="starts-{pk}">{starts_label}</label>'
            '<input type="datetime-local" name="starts_at" id="starts-{pk}" value="{start}" '
            "required>"
            '<button type="submit" class="button">{place}</button></form>{unschedule}'
            "</details></article>",
            classes=classes,
            pk=slot.session_id,
            place_url=item.urls["session_place"],
            unschedule_url=item.urls["session_unschedule"],
            edit_url=item.urls["session_edit"],
            next_param=self.here_param,
            title=session.title,
            pinned=pinned,
            time=self.time_text(item, show_room),
            speakers=speakers_html,
            pitches=pitches,
            warnings=warnings,
            set_place=texts.set_place,
            csrf=self.csrf,
            next=self.next,
            room_label=texts.room,
            every_room=every_room,
            options=item.room_options,
            starts_label=texts.starts_at,
            start=start_value,
            place=texts.place,
            unschedule=unschedule,
        )
