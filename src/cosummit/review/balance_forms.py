"""The selection helper's rules, as a form read from the address (GET)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cosummit.core.i18n import in_sentence

from .balance import Option
from .selection import SelectionRules

TIME_LIMIT = 10


def _count(label, *, required=True, minimum=0, initial=None, help_text=""):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=100_000,
        initial=initial,
        help_text=help_text,
        error_messages={
            "min_value": gettext_lazy("Enter a whole number of at least %(limit_value)s."),
            "max_value": gettext_lazy("Enter a whole number of at most %(limit_value)s."),
            "invalid": gettext_lazy("Enter a whole number."),
        },
    )


def _percent(label, *, required=True, minimum=0, initial=None, help_text=""):
    if minimum:
        message = gettext_lazy("A share is a percentage from 1 to 100.")
    else:
        message = gettext_lazy("A share is a percentage from 0 to 100.")
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=100,
        initial=initial,
        help_text=help_text,
        error_messages={"min_value": message, "max_value": message, "invalid": message},
    )


class SelectionForm(forms.Form):
    """Slots per format, balance rules and a time limit.

    Fields for the formats are named `slots_<format pk>`, those for the
    languages `min_language_<code>`; each format's slots default to half its
    candidates, rounded up.
    """

    min_civil_society_share = _percent(
        gettext_lazy("Minimum share led by civil society (%)"),
        initial=0,
        help_text=gettext_lazy(
            "A proposal is led by civil society when its first organisation is."
        ),
    )
    min_co_led_share = _percent(
        gettext_lazy("Minimum share co-led by a government and civil society (%)"), initial=0
    )
    max_per_organisation = _count(
        gettext_lazy("Most proposals naming the same organisation"),
        required=False,
        minimum=1,
        help_text=gettext_lazy("Leave empty for no limit."),
    )
    min_per_track = _count(gettext_lazy("Minimum per track"), initial=0)
    max_track_share = _percent(
        gettext_lazy("Maximum share of one track (%)"),
        required=False,
        minimum=1,
        help_text=gettext_lazy("Leave empty for no limit."),
    )
    max_language_share = _percent(
        gettext_lazy("Maximum share of one language (%)"),
        required=False,
        minimum=1,
        help_text=gettext_lazy("Leave empty for no limit."),
    )
    time_limit = forms.IntegerField(
        label=gettext_lazy("Time limit (seconds)"),
        min_value=1,
        max_value=30,
        initial=TIME_LIMIT,
        error_messages={
            "min_value": gettext_lazy("The time limit is from 1 to 30 seconds."),
            "max_value": gettext_lazy("The time limit is from 1 to 30 seconds."),
            "invalid": gettext_lazy("The time limit is from 1 to 30 seconds."),
        },
    )

    def __init__(self, *args, formats: list[Option], languages: list[Option], **kwargs):
        super().__init__(*args, **kwargs)
        self.formats = formats
        self.languages = languages
        slots = {}
        for option in formats:
            slots[f"slots_{option.key}"] = _count(
                option.label,
                initial=(option.count + 1) // 2,
                help_text=ngettext("%(count)s candidate", "%(count)s candidates", option.count)
                % {"count": option.count},
            )
        minimums = {
            f"min_language_{option.key}": _count(
                _("Minimum in %(language)s") % {"language": in_sentence(option.label)}, initial=0
            )
            for option in languages
        }
        # Slots first, as the page reads; the language minimums after the track rules.
        ordered = {**slots}
        for name, field in self.fields.items():
            ordered[name] = field
            if name == "max_track_share":
                ordered.update(minimums)
        self.fields = ordered

    def slot_fields(self):
        return [self[f"slots_{option.key}"] for option in self.formats]

    def rule_fields(self):
        skip = {f"slots_{option.key}" for option in self.formats} | {"time_limit"}
        return [self[name] for name in self.fields if name not in skip]

    def rules(self) -> SelectionRules:
        """The rules of valid input, shares as fractions."""
        data = self.cleaned_data

        def share(name):
            value = data.get(name)
            return None if value is None else value / 100

        return SelectionRules(
            slots_per_format={option.key: data[f"slots_{option.key}"] for option in self.formats},
            min_civil_society_share=data["min_civil_society_share"] / 100,
            min_co_led_share=data["min_co_led_share"] / 100,
            max_per_organisation=data.get("max_per_organisation"),
            min_per_track=data["min_per_track"],
            max_track_share=share("max_track_share"),
            min_per_language={
                option.key: data[f"min_language_{option.key}"]
                for option in self.languages
                if data[f"min_language_{option.key}"]
            },
            max_language_share=share("max_language_share"),
        )


def rule_label(name: str) -> str:
    """The name of a `SelectionRules` field as the page calls it."""
    labels = {
        "slots_per_format": _("Slots per format"),
        "min_civil_society_share": _("Minimum share led by civil society"),
        "min_co_led_share": _("Minimum share co-led by a government and civil society"),
        "max_per_organisation": _("Most proposals naming the same organisation"),
        "min_per_track": _("Minimum per track"),
        "max_track_share": _("Maximum share of one track"),
        "min_per_language": _("Minimum per language"),
        "max_language_share": _("Maximum share of one language"),
    }
    return labels.get(name, name)
