"""Writes of the organiser pages of the call: its rules, formats, tracks,
access codes and questions.

Views call these functions after `summits.queries.get_summit_for_organiser`
checked the permission and the forms of `organiser_forms.py` the input. `by`
is the organiser acting, written to the log.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from cosummit.core import question_editing as editing
from cosummit.core.domain import apply_changes
from cosummit.summits.models import Summit

from .domain import ProposalError
from .models import AccessCode, Call, FormatKind, Proposal, ProposalQuestion, SessionFormat, Track

logger = logging.getLogger(__name__)

# The fields organisers may change, in the order their forms show them.
CALL_FIELDS = (
    "opens_at",
    "closes_at",
    "introduction",
    "is_discussion_public",
    "discussion_opens_at",
    "max_co_speakers",
    "max_proposals_per_person",
    "max_supports_per_person",
    "reports_to_hide",
    "interpretation_languages",
)
FORMAT_FIELDS = (
    "kind",
    "name",
    "description",
    "min_minutes",
    "max_minutes",
    "closes_at",
    "position",
)
TRACK_FIELDS = ("name", "slug", "description", "position")
ACCESS_CODE_FIELDS = ("code", "valid_until", "max_uses")

# The formats of a new call; organisers change them afterwards.
DEFAULT_FORMATS = (
    (FormatKind.LECTURE, {"fr": "Conférence ou panel", "en": "Lecture or panel"}, 0, 80),
    (FormatKind.ROUND_TABLE, {"fr": "Table ronde", "en": "Round table"}, 60, 80),
    (FormatKind.WORKSHOP, {"fr": "Atelier", "en": "Workshop"}, 0, 80),
    (FormatKind.PITCH, {"fr": "Pitch", "en": "Pitch"}, 10, 15),
    (FormatKind.EXTERNAL, {"fr": "Événement extérieur", "en": "External event"}, 0, 0),
)
DEFAULT_FORMAT_DESCRIPTIONS = {
    FormatKind.LECTURE: {
        "fr": "Des intervenants présentent un sujet puis répondent au public.",
        "en": "Speakers present a subject, then answer the audience.",
    },
    FormatKind.ROUND_TABLE: {
        "fr": "Une discussion entre participants autour d'une table, sans estrade.",
        "en": "A discussion among participants around a table, without a stage.",
    },
    FormatKind.WORKSHOP: {
        "fr": "Les participants travaillent ensemble à un résultat concret.",
        "en": "Participants work together towards a concrete result.",
    },
    FormatKind.PITCH: {
        "fr": "Une présentation courte d'un projet ou d'un outil.",
        "en": "A short presentation of a project or a tool.",
    },
    FormatKind.EXTERNAL: {
        "fr": "Un événement organisé hors du lieu du sommet, pendant le sommet.",
        "en": "An event held outside the summit's venue, during the summit.",
    },
}


# The call


def create_call(summit: Summit, *, by, languages: list[str] | None = None, **fields) -> Call:
    """Open the summit's call with the default session formats.

    Side effects:
    1. the call row written;
    2. one row per default format (lecture or panel, round table, workshop,
       pitch, external event), named in French and English;
    3. the summit's session languages saved when `languages` is given;
    4. a log entry.
    """
    with transaction.atomic():
        call = Call.objects.create(summit=summit, **fields)
        SessionFormat.objects.bulk_create(
            SessionFormat(
                call=call,
                kind=kind,
                name=name,
                description=DEFAULT_FORMAT_DESCRIPTIONS[kind],
                min_minutes=shortest,
                max_minutes=longest,
                position=position,
            )
            for position, (kind, name, shortest, longest) in enumerate(DEFAULT_FORMATS)
        )
        if languages is not None:
            _set_session_languages(summit, languages, by=by)
    logger.info("Call of summit %s opened by user %s.", summit.slug, by.pk)
    return call


def update_call(call: Call, *, by, languages: list[str] | None = None, **changes) -> list[str]:
    """Change the call's rules; return the changed fields.

    Side effects:
    1. the call row, changed fields only;
    2. the summit's session languages when `languages` is given and differs;
    3. a log entry when something changed.
    """
    with transaction.atomic():
        changed = apply_changes(call, changes, CALL_FIELDS)
        if languages is not None and _set_session_languages(call.summit, languages, by=by):
            changed.append("languages")
    if changed:
        logger.info(
            "Call of summit %s: %s changed by user %s.",
            call.summit.slug,
            ", ".join(changed),
            by.pk,
        )
    return changed


def _set_session_languages(summit: Summit, languages: list[str], *, by) -> bool:
    from cosummit.summits.domain import update_summit

    return bool(update_summit(summit, by=by, languages=list(languages)))


def create_format(call: Call, *, by, **fields) -> SessionFormat:
    """Add a session format. Side effects: the format row written."""
    return SessionFormat.objects.create(call=call, **fields)


def update_format(session_format: SessionFormat, *, by, **changes) -> list[str]:
    """Change a session format. Side effects: the format row, changed fields only."""
    return apply_changes(session_format, changes, FORMAT_FIELDS)


def delete_format(session_format: SessionFormat, *, by) -> None:
    """Delete a format that no proposal uses, drafts included.

    Raises ProposalError when a proposal uses it. Side effects: the format
    row deleted (questions and access codes no longer name it).
    """
    with transaction.atomic():
        used = Proposal.objects.filter(format=session_format).count()
        if used:
            raise ProposalError(
                _(
                    "This format cannot be deleted: %(count)d proposals use it. "
                    "Change their format first, or keep it."
                )
                % {"count": used}
            )
        session_format.delete()


def create_track(summit: Summit, *, by, **fields) -> Track:
    """Add a track. Side effects: the track row written."""
    return Track.objects.create(summit=summit, **fields)


def update_track(track: Track, *, by, **changes) -> list[str]:
    """Change a track. Side effects: the track row, changed fields only."""
    return apply_changes(track, changes, TRACK_FIELDS)


def delete_track(track: Track, *, by) -> None:
    """Delete a track. Side effects: the track row deleted; its proposals keep no track."""
    track.delete()


def create_access_code(call: Call, *, by, formats=(), **fields) -> AccessCode:
    """Add an access code for late submissions.

    Side effects: the code row written, then its formats.
    """
    with transaction.atomic():
        code = AccessCode.objects.create(call=call, **fields)
        code.formats.set(formats)
    return code


def update_access_code(access_code: AccessCode, *, by, formats=None, **changes) -> list[str]:
    """Change an access code. Side effects: the code row, then its formats when given."""
    with transaction.atomic():
        changed = apply_changes(access_code, changes, ACCESS_CODE_FIELDS)
        if formats is not None:
            access_code.formats.set(formats)
    return changed


def delete_access_code(access_code: AccessCode, *, by) -> None:
    """Delete an access code. Side effects: the code row deleted; proposals keep no code."""
    access_code.delete()


# Custom questions: the writes of `cosummit.core.question_editing` applied to
# the call's questions, plus the formats and tracks that a question is asked for.


def _siblings(call_id: int):
    return ProposalQuestion.objects.filter(call_id=call_id)


def create_question(call: Call, *, by, formats=(), tracks=(), **fields) -> ProposalQuestion:
    """Add a question after the call's other questions.

    Side effects, in one transaction: the call's questions locked, the
    question row written, then its formats and tracks.
    """
    with transaction.atomic():
        question = editing.create_question(_siblings(call.pk), call=call, **fields)
        question.formats.set(formats)
        question.tracks.set(tracks)
    return question


def update_question(
    question: ProposalQuestion, *, by, formats=None, tracks=None, **changes
) -> list[str]:
    """Change a question. Answers already given are kept and read with the new labels.

    Side effects: the question row, changed fields only; then its formats and
    tracks when given.
    """
    with transaction.atomic():
        changed = editing.update_question(question, **changes)
        if formats is not None:
            question.formats.set(formats)
        if tracks is not None:
            question.tracks.set(tracks)
    return changed


def delete_question(question: ProposalQuestion, *, by) -> None:
    """Delete a question, renumber the call's others; see `editing.delete_question`."""
    editing.delete_question(question, siblings=_siblings(question.call_id))


def move_question(question: ProposalQuestion, *, up: bool, by) -> bool:
    """Swap a question with a neighbour among the call's; see `editing.move_question`."""
    return editing.move_question(question, siblings=_siblings(question.call_id), up=up)
