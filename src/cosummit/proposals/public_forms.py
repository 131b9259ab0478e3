"""Forms of the public co-creation pages and of moderation."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from cosummit.accounts.models import OrganisationType
from cosummit.core.i18n import TranslatedText
from cosummit.summits.models import ReportReason

from . import gallery
from .discussion import language_label
from .models import Comment, Proposal, State


class GalleryFilterForm(forms.Form):
    """The gallery's filters, read from the address; a bad value is ignored and named."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    track = forms.ChoiceField(label=_("Track"), required=False)
    format = forms.TypedChoiceField(label=_("Format"), required=False, coerce=int, empty_value=None)
    submitter_type = forms.ChoiceField(label=_("Submitted by"), required=False)
    language = forms.ChoiceField(label=_("Session language"), required=False)
    country = forms.ChoiceField(label=_("Country of an organisation"), required=False)
    co_led = forms.BooleanField(label=_("Co-led by a government and civil society"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False)

    SORT_CHOICES = (
        (gallery.SORT_RANDOM, pgettext_lazy("order", "Shuffled")),
        (gallery.SORT_SUPPORTED, _("Most supported")),
        (gallery.SORT_DISCUSSED, _("Most discussed")),
        (gallery.SORT_NEWEST, _("Newest")),
    )

    def __init__(self, data, *, tracks, formats, languages, country_codes):
        super().__init__(data, label_suffix="")
        any_choice = [("", _("All"))]
        self.fields["track"].choices = any_choice + [
            (track.slug, TranslatedText(track.name).localize().text) for track in tracks
        ]
        self.fields["format"].choices = any_choice + [
            (session_format.pk, TranslatedText(session_format.name).localize().text)
            for session_format in formats
        ]
        self.fields["submitter_type"].choices = any_choice + list(OrganisationType.choices)
        self.fields["language"].choices = any_choice + [
            (code, language_label(code)) for code in languages
        ]
        self.fields["country"].choices = any_choice + sorted(
            ((code, countries.name(code) or code) for code in country_codes),
            key=lambda choice: str(choice[1]),
        )
        self.fields["sort"].choices = self.SORT_CHOICES

    def filters(self) -> gallery.GalleryFilters:
        """The valid filters; call after `is_valid()`."""
        data = self.cleaned_data
        return gallery.GalleryFilters(
            track=data.get("track") or "",
            format=data.get("format"),
            submitter_type=data.get("submitter_type") or "",
            language=data.get("language") or "",
            country=data.get("country") or "",
            co_led=bool(data.get("co_led")),
            q=data.get("q") or "",
        )

    def selects(self) -> list[dict]:
        """Each drop-down filter with its options, the chosen one marked.

        The page writes the options itself: the form's widget templates would
        cost more than the rest of the gallery.
        """
        selects = []
        for name in ("track", "format", "submitter_type", "language", "country", "sort"):
            bound = self[name]
            chosen = str(self.data.get(name, "")) if name not in self.errors else ""
            if name == "sort" and not chosen:
                chosen = gallery.SORT_RANDOM
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

    def chosen_sort(self) -> str:
        return self.cleaned_data.get("sort") or gallery.SORT_RANDOM


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown: **bold**, *italic*, [link](https://example.org), lists."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something before sending the comment."))
        return body


class CommentEditForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report this?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Details for the moderators (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the moderation log (optional)"), max_length=500, required=False
    )


class BlockForm(ModerationReasonForm):
    user = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MergeForm(forms.Form):
    """The joint proposal and the proposals merged into it, by their numbers."""

    target = forms.IntegerField(
        label=_("Number of the joint proposal"),
        min_value=1,
        help_text=_("The proposal that stays and receives the others."),
    )
    sources = forms.CharField(
        label=_("Numbers of the proposals to merge into it"),
        max_length=500,
        help_text=_("Separated by commas or spaces, such as: 12, 48, 301."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, summit, initial=None):
        super().__init__(data, initial=initial)
        self.summit = summit

    def _submitted(self):
        return Proposal.objects.filter(summit=self.summit, state=State.SUBMITTED)

    def clean_target(self):
        number = self.cleaned_data["target"]
        target = self._submitted().filter(pk=number).first()
        if target is None:
            raise forms.ValidationError(
                _("There is no submitted proposal number %(number)d in this summit.")
                % {"number": number}
            )
        return target

    def clean_sources(self):
        words = self.cleaned_data["sources"].replace(",", " ").split()
        if not all(word.isdigit() and len(word) <= 12 for word in words) or not words:
            raise forms.ValidationError(
                _("Write the proposals’ numbers, separated by commas or spaces.")
            )
        numbers = list(dict.fromkeys(int(word) for word in words))
        found = {proposal.pk: proposal for proposal in self._submitted().filter(pk__in=numbers)}
        missing = [str(number) for number in numbers if number not in found]
        if missing:
            raise forms.ValidationError(
                _("These numbers are not submitted proposals of this summit: %(numbers)s.")
                % {"numbers": ", ".join(missing)}
            )
        return [found[number] for number in numbers]

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        sources = cleaned.get("sources")
        if target is not None and sources is not None and target in sources:
            self.add_error(
                "sources", _("The joint proposal cannot also be one of the proposals merged.")
            )
        return cleaned
