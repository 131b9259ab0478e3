"""The public agenda's filters and search, read from the address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cosummit.core.i18n import TranslatedText
from cosummit.proposals.discussion import language_label

from .agenda import AgendaFilters


def _name(value) -> str:
    return TranslatedText(value or {}).localize().text


class AgendaFilterForm(forms.Form):
    """Filters whose choices are what the published programme holds; a bad value is ignored."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    track = forms.ChoiceField(label=_("Track"), required=False)
    format = forms.TypedChoiceField(label=_("Format"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Session language"), required=False)
    room = forms.TypedChoiceField(label=_("Room"), required=False, coerce=int, empty_value=None)
    interpretation = forms.ChoiceField(label=_("Interpretation into"), required=False)

    SELECTS = ("track", "format", "language", "room", "interpretation")

    def __init__(self, data, *, slots):
        super().__init__(data, label_suffix="")
        tracks, formats, rooms, languages, interpretation = {}, {}, {}, set(), set()
        for slot in slots:
            session = slot.session
            if session.track is not None:
                tracks[session.track.slug] = session.track
            if session.format is not None:
                formats[session.format.pk] = session.format
            if slot.room is not None:
                rooms[slot.room.pk] = slot.room
            if session.language:
                languages.add(session.language)
            interpretation.update(session.interpretation or [])
        any_choice = [("", _("All"))]
        self.fields["track"].choices = any_choice + [
            (track.slug, _name(track.name))
            for track in sorted(tracks.values(), key=lambda t: (t.position, t.pk))
        ]
        self.fields["format"].choices = any_choice + [
            (session_format.pk, _name(session_format.name))
            for session_format in sorted(formats.values(), key=lambda f: (f.position, f.pk))
        ]
        self.fields["language"].choices = any_choice + sorted(
            ((code, language_label(code)) for code in languages), key=lambda c: c[1]
        )
        self.fields["room"].choices = any_choice + [
            (room.pk, _name(room.name))
            for room in sorted(rooms.values(), key=lambda r: (r.position, r.pk))
        ]
        self.fields["interpretation"].choices = any_choice + sorted(
            ((code, language_label(code)) for code in interpretation), key=lambda c: c[1]
        )

    def filters(self) -> AgendaFilters:
        """The valid filters; call after `is_valid()`."""
        data = self.cleaned_data
        return AgendaFilters(
            track=data.get("track") or "",
            format=data.get("format"),
            language=data.get("language") or "",
            room=data.get("room"),
            interpretation=data.get("interpretation") or "",
            q=(data.get("q") or "").strip(),
        )

    def selects(self) -> list[dict]:
        """Each drop-down with its options, the chosen one marked (cheaper than widgets)."""
        selects = []
        for name in self.SELECTS:
            bound = self[name]
            chosen = str(self.data.get(name, "")) if name not in self.errors else ""
            selects.append(
                {
                    "name": name,
                    "id": bound.auto_id,
                    "label": bound.label,
                    "has_error": name in self.errors,
                    "options": [
                        (str(value), label, str(value) == chosen)
                        for value, label in self.fields[name].choices
                    ],
                }
            )
        return selects
