"""Forms of the organisers' scheduler and release pages."""

from dataclasses import fields

from django import forms
from django.utils.translation import gettext_lazy as _

from . import scheduler
from .jobs import FROM_RELEASE, FROM_WORKING, MAX_TIME_LIMIT, MIN_TIME_LIMIT
from .queries import latest_release

WEIGHT_LABELS = {
    "attendee_conflicts": _("Attendee conflicts"),
    "over_capacity": _("Audience over room capacity"),
    "track_rooms": _("Tracks spread over several rooms"),
    "popular_spread": _("Popular sessions on the same day"),
    "changes": _("Sessions moved"),
}

WEIGHT_HELP = {
    "attendee_conflicts": _("Per person and pair of their sessions at the same time."),
    "over_capacity": _("Per person expected beyond a room’s capacity."),
    "track_rooms": _("Per room beyond the first that a track uses on a day."),
    "popular_spread": _("Keeps the most popular sessions apart, over the days."),
    "changes": _("Per session placed elsewhere; only when re-planning with fewest changes."),
}

MODE_CHOICES = [
    ("scratch", _("From scratch")),
    (FROM_WORKING, _("Fewest changes from the working agenda")),
    (FROM_RELEASE, _("Fewest changes from the latest release")),
]


class SchedulerForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=MIN_TIME_LIMIT,
        max_value=MAX_TIME_LIMIT,
        initial=30,
        help_text=_("From 5 to 300 seconds. The best schedule found by then is kept."),
    )
    mode = forms.ChoiceField(
        label=_("Start"), choices=MODE_CHOICES, initial="scratch", widget=forms.RadioSelect
    )

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        for field in fields(scheduler.Weights):
            self.fields[f"weight_{field.name}"] = forms.IntegerField(
                label=WEIGHT_LABELS.get(field.name, field.name),
                help_text=WEIGHT_HELP.get(field.name, ""),
                min_value=0,
                max_value=1000,
                initial=field.default,
            )

    def clean_mode(self):
        mode = self.cleaned_data["mode"]
        if mode == FROM_RELEASE and latest_release(self.summit) is None:
            raise forms.ValidationError(
                _("Nothing is released yet: start from scratch or from the working agenda.")
            )
        return mode

    def job_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "time_limit": data["time_limit"],
            "mode": data["mode"],
            "weights": {
                field.name: data[f"weight_{field.name}"] for field in fields(scheduler.Weights)
            },
        }


class ReleaseForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the release in the public list of changes and in the e-mails."),
    )
