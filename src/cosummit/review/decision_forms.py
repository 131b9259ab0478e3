"""Forms of the decision pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cosummit.core.i18n import TranslatedFormField, TranslatedWidget

from . import decision_queries, decisions
from .models import DecisionTemplate, Outcome

CLEAR = "clear"
DECISION_CHOICES = [*Outcome.choices, (CLEAR, pgettext_lazy("decision", "Undecided"))]


class DecisionFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=pgettext_lazy("decision", "Show"),
        choices=[
            ("", _("Every proposal")),
            (decision_queries.UNDECIDED, _("Undecided")),
            (decision_queries.PENDING, _("Pending decision")),
            (decision_queries.APPLIED, _("Decision applied")),
        ],
        required=False,
    )
    outcome = forms.ChoiceField(
        label=pgettext_lazy("decision", "Outcome"),
        choices=[("", _("Any outcome")), *Outcome.choices],
        required=False,
    )
    track = forms.TypedChoiceField(label=_("Track"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, tracks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [("", _("Every track"))] + [
            (track.pk, str(track.name)) for track in tracks
        ]

    def filters(self) -> decision_queries.DecisionFilters:
        if not self.is_bound or not self.is_valid():
            return decision_queries.DecisionFilters()
        return decision_queries.DecisionFilters(
            state=self.cleaned_data["state"],
            outcome=self.cleaned_data["outcome"],
            track=self.cleaned_data["track"],
        )


class DecideForm(forms.Form):
    """One proposal's decision: an outcome, or "clear" to take the pending one back."""

    outcome = forms.ChoiceField(
        label=pgettext_lazy("decision", "Decision"), choices=DECISION_CHOICES
    )


class BulkDecideForm(forms.Form):
    """One decision for several proposals, chosen with check boxes on the list."""

    proposals = forms.TypedMultipleChoiceField(
        label=_("Proposals"),
        coerce=int,
        error_messages={"required": _("Tick at least one proposal.")},
    )
    outcome = forms.ChoiceField(
        label=_("Decision for the ticked proposals"), choices=DECISION_CHOICES
    )

    def __init__(self, *args, proposal_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [(pk, str(pk)) for pk in proposal_ids]


class DecisionTemplateForm(forms.Form):
    """The e-mail for one outcome, in every language of the site."""

    subject = TranslatedFormField(label=_("Subject"), max_length=200)
    body = TranslatedFormField(
        label=pgettext_lazy("e-mail", "Text"),
        widget=TranslatedWidget(forms.Textarea),
    )

    def __init__(self, *args, outcome: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome = outcome

    @classmethod
    def for_template(cls, template: DecisionTemplate, data=None):
        return cls(
            data,
            prefix=template.outcome,
            outcome=template.outcome,
            initial={"subject": template.subject, "body": template.body},
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            decisions.check_template_texts(
                self.outcome, subject=cleaned["subject"], body=cleaned["body"]
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned
