"""Forms of the hackathon. They check input; views pass `cleaned_data` to the writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cosummit.summits.forms import MARKDOWN_HELP, LocalDateTimeField, in_time_zone
from cosummit.toolbox.models import Tag

from . import domain, projects
from .judging import criterion_field
from .models import (
    SCREENSHOT_MAX_BYTES,
    Challenge,
    Criterion,
    HackathonSettings,
    Prize,
    Project,
    Team,
)


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a write's errors on the form, on the fields they name when it has them."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class TitleChoiceField(forms.ModelChoiceField):
    """Choices labelled with a translated title, in the reader's language."""

    def label_from_instance(self, obj):
        return obj.title.localize().text if hasattr(obj.title, "localize") else obj.title


# Participants.


class ChallengeForm(forms.ModelForm):
    links = forms.CharField(
        label=_("Data sets and links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: a title, a vertical bar, then the address, such as "
            "“Budget 2016 | https://data.example.org/budget”."
        ),
    )

    class Meta:
        model = Challenge
        fields = list(domain.CHALLENGE_FIELDS)
        help_texts = {
            "title": _("In French, in English or both."),
            "description": MARKDOWN_HELP,
            "organisation_name": _("The government body or organisation behind the challenge."),
        }

    def get_initial_for_field(self, field, field_name):
        if field_name == "links":
            return "\n".join(
                f"{link['title']} | {link['url']}" for link in self.instance.links or []
            )
        return super().get_initial_for_field(field, field_name)

    def clean_links(self):
        try:
            return domain.clean_links(self.cleaned_data["links"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["links"]) from None

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in domain.CHALLENGE_FIELDS}


class TeamForm(forms.ModelForm):
    skills_wanted = forms.CharField(
        label=_("Skills wanted"),
        required=False,
        max_length=600,
        help_text=_("Separated by commas, such as: design, Python, public procurement law."),
    )

    class Meta:
        model = Team
        fields = list(domain.TEAM_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def get_initial_for_field(self, field, field_name):
        if field_name == "skills_wanted":
            return ", ".join(self.instance.skills_wanted or [])
        return super().get_initial_for_field(field, field_name)

    def clean_skills_wanted(self):
        try:
            return domain.clean_skills(self.cleaned_data["skills_wanted"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["skills_wanted"]) from None

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in domain.TEAM_FIELDS}


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("A word to the team"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you would bring, for instance."),
    )


class ProjectForm(forms.ModelForm):
    challenge = TitleChoiceField(
        label=_("Challenge answered"),
        queryset=Challenge.objects.none(),
        required=False,
        empty_label=_("None yet"),
    )

    class Meta:
        model = Project
        fields = list(projects.PROJECT_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "description": MARKDOWN_HELP,
            "language": _("The language you write the name and description in."),
            "repository_url": _("Where the source code can be read, such as a Git repository."),
            "demo_url": _("An address where the project can be tried."),
        }

    def __init__(self, *args, challenges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = challenges
        self.fields["licence"].help_text = _("The project’s licence, by its SPDX identifier.")
        if self.instance.pk is None:
            self.initial["title"] = self.initial.get("title") or self.instance.team.name
            self.initial["language"] = (
                self.initial.get("language") or ((get_language() or "").split("-")[0])
            )

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in projects.PROJECT_FIELDS}


class ScreenshotForm(forms.Form):
    image = forms.FileField(
        label=_("Screenshot"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("What it shows"),
        max_length=300,
        help_text=_("For people who cannot see the image, such as “The map of fountains”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = _("A PNG, JPEG or WebP image of at most %(size)d MB.") % {
            "size": SCREENSHOT_MAX_BYTES // (1024 * 1024)
        }

    def clean_image(self):
        image = self.cleaned_data["image"]
        projects.validate_screenshot(image)
        return image


class PublishForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(
        label=_("Themes of the toolbox"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = Tag.objects.filter(summit=summit)
        self.fields["tags"].label_from_instance = lambda tag: tag.name.localize().text


# The jury.


class ScoreForm(forms.Form):
    """One choice of score per criterion, and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What works, what could be better: the organisers read it."),
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scored = {}
        for criterion in criteria:
            name = criterion_field(criterion)
            scored[name] = forms.TypedChoiceField(
                label=criterion.name.localize().text,
                choices=[
                    (value, value) for value in range(criterion.min_score, criterion.max_score + 1)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("From %(low)d to %(high)d, weight %(weight)d.")
                % {
                    "low": criterion.min_score,
                    "high": criterion.max_score,
                    "weight": criterion.weight,
                },
            )
        # The criteria first, then the comment.
        self.fields = {**scored, "comment": self.fields["comment"]}

    def scores(self) -> dict[int, int]:
        return {
            criterion.pk: self.cleaned_data[criterion_field(criterion)]
            for criterion in self.criteria
            if self.cleaned_data.get(criterion_field(criterion)) is not None
        }


# The organisers.


class SettingsForm(forms.ModelForm):
    submission_deadline = LocalDateTimeField(label=_("Submission deadline"), required=False)

    class Meta:
        model = HackathonSettings
        fields = ["submission_deadline", "team_size_limit"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["submission_deadline"].help_text = _(
            "In the event’s time zone (%(zone)s). Leave empty to accept projects until the "
            "hackathon ends."
        ) % {"zone": event.tz.key}
        if self.instance.submission_deadline is not None:
            self.initial["submission_deadline"] = self.instance.submission_deadline.astimezone(
                event.tz
            ).replace(tzinfo=None)

    def clean_submission_deadline(self):
        deadline = self.cleaned_data["submission_deadline"]
        return in_time_zone(deadline, self.event.tz) if deadline is not None else None


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "min_score", "max_score", "position"]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_score"), cleaned.get("max_score")
        if low is not None and high is not None and high <= low:
            self.add_error("max_score", _("The highest score must be above the lowest score."))
        return cleaned


class PrizeForm(forms.ModelForm):
    class Meta:
        model = Prize
        fields = ["rank", "title", "description"]


class JurorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the juror"),
        help_text=_("The person needs an account on this site."),
    )


class AwardForm(forms.Form):
    """Which submitted project a prize goes to; the projects are read once for every prize."""

    project = forms.TypedChoiceField(label=_("Awarded to"), required=False, coerce=int)

    def __init__(self, *args, submitted: list[Project], **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = {project.pk: project for project in submitted}
        self.fields["project"].choices = [
            ("", _("Nobody yet")),
            *((project.pk, f"{project.title} ({project.team.name})") for project in submitted),
        ]
        self.fields["project"].empty_value = None

    def clean_project(self):
        pk = self.cleaned_data["project"]
        return self.projects[pk] if pk is not None else None
