"""Forms of the organisers' review pages.

Dates are typed and shown in the summit's time zone. Forms only check input;
views pass `cleaned_data` to the functions of `setup.py` and `domain.py`.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cosummit.proposals.models import Track
from cosummit.proposals.organiser_forms import SummitTimesMixin
from cosummit.summits.forms import LocalDateTimeField
from cosummit.summits.models import Role, TeamMembership

from . import queries, setup
from .models import Criterion, Phase, Review, Reviewer, ReviewerTeam, ReviewSettings

# Bounds that keep numbers sensible for people and for the solver.
MOST_REVIEWS_PER_PROPOSAL = 20
MOST_LOAD = 1000
MOST_WEIGHT = 100
SCALE_LIMIT = 1000


def _bound(field: forms.IntegerField, low: int, high: int) -> None:
    """Keep `field` between `low` and `high`, in place of the bounds of its model field."""
    field.validators = [
        validator
        for validator in field.validators
        if not isinstance(validator, MinValueValidator | MaxValueValidator)
    ] + [MinValueValidator(low), MaxValueValidator(high)]
    field.min_value, field.max_value = low, high
    field.widget.attrs.update({"min": low, "max": high})


def reviewer_choices(summit):
    """The summit's reviewers for a choice field, with their users and nothing prefetched."""
    return queries.summit_reviewers(summit).prefetch_related(None)


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Reviewer) -> str:
        return f"{obj.user} ({obj.user.email})"


class ReviewerMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Reviewer) -> str:
        return f"{obj.user} ({obj.user.email})"


class ProposalNumberField(forms.IntegerField):
    """A submitted proposal of the summit, typed by its number."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Proposal number"))
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


def clean_proposal_number(summit, number):
    """The submitted proposal of `summit` with this number; ValidationError otherwise."""
    proposal = queries.reviewable_proposals(summit).filter(pk=number).first()
    if proposal is None:
        raise ValidationError(_("No submitted proposal of this summit has this number."))
    return proposal


# Settings


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ReviewSettings
        fields = list(setup.SETTINGS_FIELDS)
        help_texts = {
            "reviews_per_proposal": gettext_lazy("How many reviewers read each proposal."),
            "min_load": gettext_lazy("Each reviewer gets at least this many proposals."),
            "max_load": gettext_lazy("Each reviewer gets at most this many proposals."),
            "conflict_same_country": gettext_lazy(
                "Keep reviewers from proposals of organisations or speakers of their country."
            ),
            "reply_days": gettext_lazy("Counted from the day the decisions are sent."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound(self.fields["reviews_per_proposal"], 1, MOST_REVIEWS_PER_PROPOSAL)
        _bound(self.fields["min_load"], 0, MOST_LOAD)
        _bound(self.fields["max_load"], 1, MOST_LOAD)
        _bound(self.fields["disagreement"], 0, 100)
        _bound(self.fields["reply_days"], 1, 365)

    def clean(self):
        cleaned = super().clean()
        fewest, most = cleaned.get("min_load"), cleaned.get("max_load")
        if fewest is not None and most is not None and fewest > most:
            self.add_error(
                "max_load",
                _("The most proposals per reviewer cannot be below the fewest."),
            )
        return cleaned


# Phases


class PhaseForm(SummitTimesMixin, forms.ModelForm):
    local_times = ("starts_at", "ends_at")

    starts_at = LocalDateTimeField(label=gettext_lazy("Starts at"))
    ends_at = LocalDateTimeField(label=gettext_lazy("Ends at"))

    class Meta:
        model = Phase
        fields = list(setup.PHASE_FIELDS)
        help_texts = {
            "position": gettext_lazy(
                "When phases overlap, the one with the smaller number is current."
            ),
        }

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        _bound(self.fields["position"], 0, 1000)
        self.show_local_times(summit)

    def clean(self):
        cleaned = super().clean()
        self.read_local_times(cleaned, self.summit)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A phase must end after it starts."))
        return cleaned


# Criteria


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = list(setup.CRITERION_FIELDS)
        help_texts = {
            "weight": gettext_lazy("0 to score the criterion without counting it in totals."),
            "position": gettext_lazy("Criteria with smaller numbers come first."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound(self.fields["weight"], 0, MOST_WEIGHT)
        _bound(self.fields["scale_min"], -SCALE_LIMIT, SCALE_LIMIT)
        _bound(self.fields["scale_max"], -SCALE_LIMIT, SCALE_LIMIT)
        _bound(self.fields["position"], 0, 1000)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is None or high is None:
            return cleaned
        if high <= low:
            self.add_error("scale_max", _("The highest score must be above the lowest."))
        elif self.instance.pk is not None:
            outside = setup.scores_outside_scale(self.instance, scale_min=low, scale_max=high)
            if outside:
                self.add_error(
                    None,
                    _(
                        "%(count)d reviews hold a score for this criterion outside this scale. "
                        "Keep a scale that contains their scores."
                    )
                    % {"count": outside},
                )
        return cleaned


# Reviewers


class AddReviewerForm(forms.Form):
    """Give the reviewer role to someone who has an account, found by e-mail address."""

    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy("The person must already have an account on this site."),
    )

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.user = None

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                _("No account uses this e-mail address. Ask the person to sign up first.")
            )
        holds_it = TeamMembership.objects.filter(summit=self.summit, user=user, role=Role.REVIEWER)
        if holds_it.exists():
            raise ValidationError(_("%(person)s is a reviewer already.") % {"person": user})
        self.user = user
        return email


class ReviewerLoadsForm(forms.ModelForm):
    class Meta:
        model = Reviewer
        fields = list(setup.REVIEWER_LOAD_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound(self.fields["min_load"], 0, MOST_LOAD)
        _bound(self.fields["max_load"], 0, MOST_LOAD)

    def clean(self):
        cleaned = super().clean()
        fewest, most = cleaned.get("min_load"), cleaned.get("max_load")
        if fewest is not None and most is not None and fewest > most:
            self.add_error("max_load", _("The most proposals cannot be below the fewest."))
        return cleaned


# Teams


class TeamForm(forms.ModelForm):
    tracks = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Tracks"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave empty for every track."),
    )
    members = ReviewerMultipleChoiceField(
        label=gettext_lazy("Members"),
        queryset=Reviewer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Reviewers of the summit; add reviewers on the Reviewers page."),
    )

    class Meta:
        model = ReviewerTeam
        fields = ["name", "tracks", "members", "can_decide"]

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.fields["tracks"].queryset = Track.objects.filter(summit=summit)
        self.fields["members"].queryset = reviewer_choices(summit)
        if self.instance.pk is not None:
            self.initial["tracks"] = [track.pk for track in self.instance.tracks.all()]
            self.initial["members"] = [member.pk for member in self.instance.members.all()]


# Conflicts


class ConflictForm(forms.Form):
    reviewer = ReviewerChoiceField(label=gettext_lazy("Reviewer"), queryset=Reviewer.objects.none())
    proposal = ProposalNumberField()
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, required=False)
    confirm = forms.BooleanField(
        label=gettext_lazy("Delete the review this reviewer wrote of this proposal"),
        required=False,
    )

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.fields["reviewer"].queryset = reviewer_choices(summit)

    def clean_proposal(self):
        return clean_proposal_number(self.summit, self.cleaned_data["proposal"])

    def clean(self):
        cleaned = super().clean()
        reviewer, proposal = cleaned.get("reviewer"), cleaned.get("proposal")
        if reviewer is None or proposal is None:
            return cleaned
        reviewed = Review.objects.filter(reviewer=reviewer, proposal=proposal).exists()
        if reviewed and not cleaned.get("confirm"):
            self.add_error(
                "confirm",
                _(
                    "This reviewer has reviewed the proposal already: recording the conflict "
                    "deletes the review. Tick the box to confirm."
                ),
            )
        return cleaned


# Assignment


class RunForm(forms.Form):
    fairness = forms.BooleanField(
        label=gettext_lazy("Serve the worst-served proposal first"),
        required=False,
        help_text=gettext_lazy(
            "Raise the lowest affinity of a proposal first, then the total. Slower."
        ),
    )


class PublishForm(forms.Form):
    run = forms.IntegerField(widget=forms.HiddenInput)


class PairForm(forms.Form):
    """A reviewer and a proposal to pair, or to part."""

    ADD = "add"
    REMOVE = "remove"

    reviewer = ReviewerChoiceField(label=gettext_lazy("Reviewer"), queryset=Reviewer.objects.none())
    proposal = ProposalNumberField()
    action = forms.ChoiceField(
        label=gettext_lazy("Change"),
        choices=[(ADD, gettext_lazy("Add")), (REMOVE, gettext_lazy("Remove"))],
        initial=ADD,
    )
    # The page of the table to come back to.
    page = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, summit, reviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.fields["reviewer"].queryset = (
            reviewers if reviewers is not None else reviewer_choices(summit)
        )

    def clean_proposal(self):
        return clean_proposal_number(self.summit, self.cleaned_data["proposal"])

    @property
    def adds(self) -> bool:
        return self.cleaned_data["action"] == self.ADD
