"""Writes of the teams' projects: their fields, submission, screenshots and the toolbox.

The same rules as in `domain.py`: `by` must be in the project's team, and until
the submission deadline passes; refusals raise a `HackathonError`, bad input a
`ValidationError`, and nothing is written.
"""

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image

from cosummit.summits.models import Event
from cosummit.toolbox.domain import publish_to_toolbox
from cosummit.toolbox.models import Card, CardKind

from . import queries
from .domain import (
    HackathonError,
    NotAllowed,
    _delete_files_on_commit,
    _now,
    _require_member,
    _require_open,
    _validate,
)
from .models import (
    SCREENSHOT_FORMATS,
    SCREENSHOT_MAX_BYTES,
    SCREENSHOT_MAX_PIXELS,
    SCREENSHOTS_PER_PROJECT,
    Project,
    ProjectState,
    Screenshot,
    Team,
)

logger = logging.getLogger(__name__)

PROJECT_FIELDS = (
    "title",
    "description",
    "language",
    "challenge",
    "repository_url",
    "demo_url",
    "licence",
)


def _project_values(event: Event, fields: dict) -> dict:
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))} on a project.")
    values = dict(fields)
    for name in ("title", "description", "repository_url", "demo_url", "licence"):
        if name in values:
            values[name] = (values[name] or "").strip()
    challenge = values.get("challenge")
    if challenge is not None and (challenge.event_id != event.pk or not challenge.is_published):
        raise ValidationError({"challenge": _("Choose one of this hackathon’s challenges.")})
    return values


def save_project(team: Team, *, by, now=None, **fields) -> Project:
    """Write the team's project, creating it the first time; it stays in its state.

    `fields`: names of PROJECT_FIELDS; `challenge` a published Challenge of
    the event, or None.

    Side effects: the Project row written.
    """
    now = _now(now)
    event = team.event
    _require_member(by, team)
    _require_open(event, now)
    values = _project_values(event, fields)
    project = Project.objects.filter(team=team).first() or Project(team=team, event=event)
    for name, value in values.items():
        setattr(project, name, value)
    _validate(project, exclude=["team", "event", "challenge", "toolbox_card"])
    if project.pk is None:
        try:
            with transaction.atomic():
                project.save()
        except IntegrityError:
            raise HackathonError(
                _("Someone in your team saved the project at the same time: try again.")
            ) from None
    else:
        project.save(update_fields=[*values, "updated_at"])
    return project


def submit_project(project: Project, *, by, now=None) -> Project:
    """Submit the project: it joins the showcase and the jury's queue.

    Team members may go on editing it until the submission deadline.

    Side effects: the project's state and submission time saved; a log entry.
    """
    now = _now(now)
    event = project.team.event
    _require_member(by, project.team)
    _require_open(event, now)
    if project.is_submitted:
        raise HackathonError(_("This project is already submitted."))
    missing = []
    if not project.description.strip():
        missing.append(_("describe the project"))
    if project.challenge_id is None and queries.published_challenges(event).exists():
        missing.append(_("choose the challenge it answers"))
    if missing:
        raise HackathonError(
            _("Before submitting the project, %(steps)s.") % {"steps": _(" and ").join(missing)}
        )
    project.state = ProjectState.SUBMITTED
    project.submitted_at = now
    project.save(update_fields=["state", "submitted_at", "updated_at"])
    logger.info("Hackathon %s: project %s submitted by user %s.", event.pk, project.pk, by.pk)
    return project


def validate_screenshot(upload) -> str:
    """Check an uploaded image's size, format and dimensions; return its file extension."""
    if upload.size > SCREENSHOT_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s: keep screenshots under %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(SCREENSHOT_MAX_BYTES)}
        )
    not_an_image = _("Upload a PNG, JPEG or WebP image.")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except Exception:
        raise ValidationError(not_an_image) from None
    finally:
        upload.seek(0)
    if image_format not in SCREENSHOT_FORMATS:
        raise ValidationError(not_an_image)
    if width > SCREENSHOT_MAX_PIXELS or height > SCREENSHOT_MAX_PIXELS:
        raise ValidationError(
            _("Keep screenshots under %(limit)d pixels wide and high.")
            % {"limit": SCREENSHOT_MAX_PIXELS}
        )
    return SCREENSHOT_FORMATS[image_format]


def add_screenshot(project: Project, *, by, image, alt_text: str, now=None) -> Screenshot:
    """Add a screenshot to the project.

    Side effects, in order:
    1. the image written under MEDIA_ROOT, with a new random name;
    2. one Screenshot row.
    """
    now = _now(now)
    _require_member(by, project.team)
    _require_open(project.team.event, now)
    if project.screenshots.count() >= SCREENSHOTS_PER_PROJECT:
        raise HackathonError(
            _("A project has at most %(count)d screenshots: remove one first.")
            % {"count": SCREENSHOTS_PER_PROJECT}
        )
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise ValidationError({"alt_text": _("Say what the screenshot shows.")})
    if len(alt_text) > 300:
        raise ValidationError({"alt_text": _("Keep the description under 300 characters.")})
    try:
        extension = validate_screenshot(image)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from None
    image.name = f"screenshot{extension}"
    screenshot = Screenshot(project=project, image=image, alt_text=alt_text)
    screenshot.save()
    return screenshot


def remove_screenshot(screenshot: Screenshot, *, by, now=None) -> None:
    """Remove a screenshot from its project.

    Side effects: the row deleted; its file deleted once the transaction commits.
    """
    project = screenshot.project
    _require_member(by, project.team)
    _require_open(project.team.event, _now(now))
    name = screenshot.image.name
    screenshot.delete()
    _delete_files_on_commit([name])


def _credit_line(project: Project, language: str) -> str:
    """A line saying where the project comes from, in the project's language."""
    event = project.team.event
    with translation.override(language):
        return _("Made by the team “%(team)s” at %(event)s.") % {
            "team": project.team.name,
            "event": event.title.localize(language).text,
        }


def publish_project(project: Project, *, by, tags: Iterable = ()) -> Card:
    """Publish a submitted project as a tool in the summit's toolbox, in one step.

    `by` becomes the card's creator; `tags` are themes of the toolbox.

    Side effects, in one transaction under the project's lock:
    1. those of `toolbox.domain.publish_to_toolbox` (the card, its themes);
    2. the project's link to the card saved.
    """
    team = project.team
    event = team.event
    _require_member(by, team)
    if not project.is_submitted:
        raise HackathonError(_("Submit the project before publishing it in the toolbox."))
    language = project.language
    description = project.description.strip()
    description = f"{description}\n\n{_credit_line(project, language)}"
    try:
        with transaction.atomic():
            locked = Project.objects.select_for_update().get(pk=project.pk)
            if locked.toolbox_card_id is not None:
                raise HackathonError(_("This project is already in the toolbox."))
            card = publish_to_toolbox(
                summit=event.summit,
                kind=CardKind.TOOL,
                title={language: project.title},
                description={language: description},
                website=project.demo_url,
                repository=project.repository_url,
                licence=project.licence,
                tags=list(tags),
                by=by,
            )
            project.toolbox_card = card
            project.save(update_fields=["toolbox_card", "updated_at"])
    except PermissionDenied as error:
        raise NotAllowed(str(error) or None) from None
    except ValidationError as error:
        raise HackathonError(" ".join(error.messages)) from None
    logger.info("Hackathon %s: project %s published as card %s.", event.pk, project.pk, card.pk)
    return card
