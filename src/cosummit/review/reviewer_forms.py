"""Forms of the reviewers' pages: the review of a proposal, a declared conflict, preferences."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cosummit.proposals.discussion import language_label
from cosummit.proposals.models import Track

from .models import Criterion, Review, Reviewer

# A scale with at most this many values is offered as radio buttons, a longer
# one as a number field.
RADIO_SCALE_LIMIT = 11


def criterion_field(criterion: Criterion) -> str:
    return f"criterion_{criterion.pk}"


def apply_errors(form: forms.Form, error: ValidationError, *, field_names: dict[str, str]) -> None:
    """Show a domain function's errors on the form.

    `field_names` maps the keys of the error (criterion primary keys as text)
    to the form's fields; other errors go to the top of the form.
    """
    if hasattr(error, "error_dict"):
        for key, messages in error.message_dict.items():
            form.add_error(field_names.get(key), messages)
    else:
        form.add_error(None, error.messages)


class ReviewForm(forms.Form):
    """One score per criterion, a comment and the choice to abstain.

    Scores are not required here: an abstaining reviewer gives none, and
    `domain.submit_review` says, per criterion, what is missing or out of scale.
    """

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What works, what could be better. Other reviewers may read it, never your name."
        ),
    )
    abstain = forms.BooleanField(
        label=_("I abstain from scoring this proposal"),
        required=False,
        help_text=_("Your scores are then left out; say why in the comment."),
    )

    def __init__(self, *args, criteria: list[Criterion], disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scored = {}
        for criterion in criteria:
            scored[criterion_field(criterion)] = self._score_field(criterion)
        # The criteria first, then the comment and the abstention.
        self.fields = {
            **scored,
            "comment": self.fields["comment"],
            "abstain": self.fields["abstain"],
        }
        if disabled:
            for field in self.fields.values():
                field.disabled = True

    @staticmethod
    def _score_field(criterion: Criterion) -> forms.Field:
        label = criterion.name.localize().text
        help_text = _("From %(low)d to %(high)d, weight %(weight)d.") % {
            "low": criterion.scale_min,
            "high": criterion.scale_max,
            "weight": criterion.weight,
        }
        values = range(criterion.scale_min, criterion.scale_max + 1)
        if len(values) <= RADIO_SCALE_LIMIT:
            return forms.TypedChoiceField(
                label=label,
                required=False,
                choices=[(value, value) for value in values],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                help_text=help_text,
            )
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=criterion.scale_min,
            max_value=criterion.scale_max,
            help_text=help_text,
        )

    @classmethod
    def initial_from(cls, review: Review | None) -> dict:
        if review is None:
            return {}
        initial = {f"criterion_{key}": value for key, value in (review.scores or {}).items()}
        return initial | {"comment": review.comment, "abstain": review.is_abstained}

    def field_names(self) -> dict[str, str]:
        """The form's field for each criterion's key in the scores."""
        return {str(criterion.pk): criterion_field(criterion) for criterion in self.criteria}

    def scores(self) -> dict[str, object]:
        """The scores given, keyed by criterion primary key as text, as the domain wants them."""
        return {
            str(criterion.pk): self.cleaned_data.get(criterion_field(criterion))
            for criterion in self.criteria
        }


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot review this proposal fairly"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: you work with a speaker, or advised the organisation. "
            "Only the organisers read it."
        ),
    )


class TrackChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name.localize().text


class PreferencesForm(forms.ModelForm):
    """What a reviewer knows: it guides which proposals the assignment gives them."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you review in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_tracks = TrackChoices(
        label=_("Tracks you prefer"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Reviewer
        fields = ["expertise", "languages", "preferred_tracks"]
        widgets = {"expertise": forms.TextInput()}

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        codes = list(summit.languages or [])
        # Languages chosen earlier that the summit no longer holds sessions in stay
        # visible, so that saving the form does not drop them unnoticed.
        codes += [code for code in (self.instance.languages or []) if code not in codes]
        self.fields["languages"].choices = [(code, language_label(code)) for code in codes]
        self.fields["preferred_tracks"].queryset = Track.objects.filter(summit=summit)
