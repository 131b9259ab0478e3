"""Writes of the jury: criteria, prizes, jurors, scores and the prizes awarded.

Organisers set the criteria and prizes and appoint the jurors; jurors score
submitted projects, except those of a team they are in; organisers then award
the prizes and publish the results (`domain.set_results_published`). The same
errors as in `domain.py`: nothing is written when a rule or the input is refused.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cosummit.core.i18n import clean_translations
from cosummit.summits.models import Event

from . import queries
from .domain import HackathonError, NotAllowed, _require_organiser, _validate
from .models import Criterion, Evaluation, Juror, Prize, Project, Score

logger = logging.getLogger(__name__)

CRITERION_FIELDS = ("name", "description", "weight", "min_score", "max_score", "position")
PRIZE_FIELDS = ("rank", "title", "description")


def criterion_field(criterion: Criterion) -> str:
    """The name of a criterion's score in forms and in the errors of `score_project`."""
    return f"criterion_{criterion.pk}"


def _set(instance, fields: dict, allowed: tuple[str, ...]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))} here.")
    before = {name: getattr(instance, name) for name in fields}
    for name, value in fields.items():
        if name in ("name", "title", "description"):
            value = clean_translations(value)
        setattr(instance, name, value)
    return before


def save_criterion(event: Event, *, by, criterion: Criterion | None = None, **fields) -> Criterion:
    """Add a jury criterion, or change one; its scale is fixed once jurors used it.

    Side effects: the Criterion row written.
    """
    _require_organiser(by, event)
    criterion = criterion or Criterion(event=event)
    before = _set(criterion, fields, CRITERION_FIELDS)
    errors = {}
    try:
        _validate(criterion, exclude=["event"])
    except ValidationError as error:
        errors.update(error.message_dict)
    low, high = criterion.min_score, criterion.max_score
    if low is not None and high is not None and high <= low:
        errors.setdefault("max_score", []).append(
            _("The highest score must be above the lowest score.")
        )
    scale_changed = any(
        name in before and before[name] != getattr(criterion, name)
        for name in ("min_score", "max_score")
    )
    if criterion.pk and scale_changed and Score.objects.filter(criterion=criterion).exists():
        errors.setdefault("max_score", []).append(
            _("Jurors have already scored on this scale: it can no longer change.")
        )
    if errors:
        for name, value in before.items():
            setattr(criterion, name, value)
        raise ValidationError(errors)
    criterion.save()
    return criterion


def delete_criterion(criterion: Criterion, *, by) -> None:
    """Remove a criterion, with the scores jurors gave on it.

    Side effects: the Criterion row and its Score rows deleted.
    """
    _require_organiser(by, criterion.event)
    criterion.delete()


def save_prize(event: Event, *, by, prize: Prize | None = None, **fields) -> Prize:
    """Add a prize, or change one.

    Side effects: the Prize row written.
    """
    _require_organiser(by, event)
    prize = prize or Prize(event=event)
    before = _set(prize, fields, PRIZE_FIELDS)
    try:
        _validate(prize, exclude=["event", "project"])
    except ValidationError:
        for name, value in before.items():
            setattr(prize, name, value)
        raise
    prize.save()
    return prize


def delete_prize(prize: Prize, *, by) -> None:
    """Side effects: the Prize row deleted."""
    _require_organiser(by, prize.event)
    prize.delete()


def award_prize(prize: Prize, *, by, project: Project | None) -> Prize:
    """Award a prize to a submitted project of the hackathon, or to nobody (None).

    Side effects: the prize's project saved.
    """
    event = prize.event
    _require_organiser(by, event)
    if project is not None and (project.event_id != event.pk or not project.is_submitted):
        raise ValidationError({"project": _("Choose a submitted project of this hackathon.")})
    prize.project = project
    prize.save(update_fields=["project"])
    return prize


def add_juror(event: Event, *, by, email: str) -> Juror:
    """Appoint the person with this e-mail address to the jury.

    Side effects: one Juror row; a log entry.
    """
    _require_organiser(by, event)
    user = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if user is None:
        raise ValidationError(
            {"email": _("No account uses this e-mail address: ask the person to sign up first.")}
        )
    try:
        with transaction.atomic():
            juror = Juror.objects.create(event=event, user=user, added_by=by)
    except IntegrityError:
        raise ValidationError({"email": _("This person is already on the jury.")}) from None
    logger.info("Hackathon %s: user %s appointed to the jury by %s.", event.pk, user.pk, by.pk)
    return juror


def remove_juror(juror: Juror, *, by) -> None:
    """Take a person off the jury; the scores they gave stay in the results.

    Side effects: the Juror row deleted.
    """
    _require_organiser(by, juror.event)
    juror.delete()


def score_project(project: Project, *, by, values: dict[int, int], comment: str = "") -> Evaluation:
    """Save a juror's scores of a project, one per criterion, and their comment.

    `values`: the score for each criterion's id; every criterion needs one.

    Side effects, in one transaction: the juror's Evaluation of the project
    written (created the first time); its Score rows replaced.
    """
    event = project.event
    if not queries.is_juror(by, event):
        raise NotAllowed(_("Only the hackathon’s jurors may score projects."))
    if queries.has_conflict(by, project):
        raise NotAllowed(_("You are in this project’s team: you cannot score it."))
    if not project.is_submitted:
        raise HackathonError(_("Only submitted projects are scored."))
    if queries.settings_for(event).results_are_published:
        raise HackathonError(_("The results are published: scores can no longer change."))
    criteria = queries.criteria_of(event)
    if not criteria:
        raise HackathonError(_("The organisers have not set the jury’s criteria yet."))
    errors = {}
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is None:
            errors[criterion_field(criterion)] = [_("Give a score for this criterion.")]
        elif not criterion.min_score <= value <= criterion.max_score:
            errors[criterion_field(criterion)] = [
                _("Give a score from %(low)d to %(high)d.")
                % {"low": criterion.min_score, "high": criterion.max_score}
            ]
    comment = (comment or "").strip()
    if len(comment) > 3000:
        errors["comment"] = [_("Keep the comment under 3,000 characters.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        evaluation, _created = Evaluation.objects.update_or_create(
            project=project, juror=by, defaults={"comment": comment}
        )
        Score.objects.filter(evaluation=evaluation).delete()
        Score.objects.bulk_create(
            Score(evaluation=evaluation, criterion=criterion, value=values[criterion.pk])
            for criterion in criteria
        )
    return evaluation
