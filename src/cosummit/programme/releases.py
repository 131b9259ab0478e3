"""Writes of the programme's publication: applying a scheduler draft, releasing v1, v2, …

The working agenda is what organisers change; a release copies its placed
slots into a numbered version that the public sees, with what changed since
the version before, and tells each speaker concerned where their sessions
now are.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cosummit.core.mail import language_of, send_templated, site_url
from cosummit.core.models import Job
from cosummit.summits.models import Room, Summit

from .imports import is_imported_address
from .jobs import SCHEDULE_JOB, draft_place
from .models import Release, Session, Slot
from .queries import latest_release
from .release_queries import summit_room_names


def _is_draft_of(job: Job, summit: Summit | None) -> bool:
    return job.kind == SCHEDULE_JOB and (summit is None or job.summit_slug == summit.slug)


def apply_schedule_draft(job: Job, *, by, summit: Summit | None = None) -> int:
    """Place the sessions of the working agenda where the scheduler's draft `job` put them.

    Refuses (ValidationError) a job that is not a finished scheduler run, or
    one of another summit than `summit` when given. Pinned sessions, and
    sessions made pinned, fixed or grouped into a pitch session since the
    run, stay where they are; rooms no longer in the summit are skipped.
    Returns how many sessions changed place. Side effects, in order: the
    working slots are written, in one transaction; the job's result records
    when and by whom it was applied.
    """
    if not _is_draft_of(job, summit):
        raise ValidationError(_("This is not a scheduler run of this summit."), code="other")
    if job.state != Job.State.DONE:
        raise ValidationError(
            _("This scheduler run has no draft to apply: it is not finished or it failed."),
            code="not_done",
        )
    placements = job.result.get("placements") or {}
    summit = summit or Summit.objects.get(slug=job.summit_slug)
    room_ids = set(Room.objects.filter(venue__summit=summit).values_list("pk", flat=True))
    changed = 0
    with transaction.atomic():
        slots = list(
            Slot.objects.select_for_update(of=("self",)).filter(
                session__summit=summit, release__isnull=True
            )
        )
        # Read after the lock, not joined to it: on PostgreSQL a joined row
        # would come from before a change (a pitch grouped meanwhile) that the
        # lock waited for.
        sessions = Session.objects.in_bulk([slot.session_id for slot in slots])
        to_update = []
        for slot in slots:
            new = draft_place(
                placements.get(str(slot.session_id)), sessions[slot.session_id], room_ids
            )
            if new is None or (slot.room_id, slot.starts_at, slot.ends_at) == new:
                continue
            slot.room_id, slot.starts_at, slot.ends_at = new
            to_update.append(slot)
        Slot.objects.bulk_update(to_update, ["room", "starts_at", "ends_at"])
        changed = len(to_update)
        job.result = {
            **job.result,
            "applied_at": timezone.now().isoformat(),
            "applied_by": getattr(by, "pk", None),
        }
        job.save(update_fields=["result"])
    return changed


# Releases


def _place(slot: Slot) -> dict:
    with translation.override(settings.LANGUAGE_CODE):
        room_name = str(slot.room.name) if slot.room else ""
    return {
        "room": slot.room_id,
        "room_name": room_name,
        "starts_at": slot.starts_at.isoformat(),
        "ends_at": slot.ends_at.isoformat() if slot.ends_at else None,
    }


def _placed(slots) -> dict[int, Slot]:
    return {slot.session_id: slot for slot in slots.select_related("room", "session")}


def changes_between(before: dict[int, Slot], after: dict[int, Slot]) -> list[dict]:
    """What changed from the slots `before` to the slots `after`, both by session id.

    One entry per session added, moved (another room, start or end) or
    removed, in the order of the new (else old) start, then title.
    """
    changes = []
    for session_id in before.keys() | after.keys():
        old, new = before.get(session_id), after.get(session_id)
        if old is None:
            change = "added"
        elif new is None:
            change = "removed"
        elif (old.room_id, old.starts_at, old.ends_at) != (new.room_id, new.starts_at, new.ends_at):
            change = "moved"
        else:
            continue
        changes.append(
            {
                "session": session_id,
                "title": (new or old).session.title,
                "change": change,
                "before": _place(old) if old else None,
                "after": _place(new) if new else None,
            }
        )
    changes.sort(
        key=lambda entry: ((entry["after"] or entry["before"])["starts_at"], entry["title"])
    )
    return changes


def pending_changes(summit: Summit) -> list[dict]:
    """What releasing the working agenda now would change since the latest release."""
    return changes_between(_released_places(latest_release(summit)), _working_places(summit))


def _working_places(summit: Summit) -> dict[int, Slot]:
    return _placed(
        Slot.objects.filter(session__summit=summit, release__isnull=True, starts_at__isnull=False)
    )


def _released_places(release: Release | None) -> dict[int, Slot]:
    if release is None:
        return {}
    return _placed(Slot.objects.filter(release=release, starts_at__isnull=False))


def release_programme(summit: Summit, *, by, comment: str = "") -> Release:
    """Publish the working agenda as the summit's next version.

    Refuses (ValidationError) while no session is placed. Side effects, in
    order: the summit row is locked, so that two organisers releasing at
    once make two versions one after the other; the Release row is written
    with the next version number and the changes since the previous
    release; every placed working slot is copied into it; each speaker of a
    session added, moved or removed (and of the pitches in such a pitch
    session) is sent one e-mail, in their language, through the outbox.
    """
    with transaction.atomic():
        Summit.objects.select_for_update().filter(pk=summit.pk).first()
        working = _working_places(summit)
        if not working:
            raise ValidationError(
                _("No session is placed in the working agenda: there is nothing to release."),
                code="empty",
            )
        previous = latest_release(summit)
        changes = changes_between(_released_places(previous), working)
        release = Release.objects.create(
            summit=summit,
            version=(previous.version if previous else 0) + 1,
            released_by=by,
            comment=comment,
            changes=changes,
        )
        Slot.objects.bulk_create(
            Slot(
                session_id=slot.session_id,
                release=release,
                room_id=slot.room_id,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
            )
            for slot in working.values()
        )
        tell_speakers(summit, release)
    return release


def tell_speakers(summit: Summit, release: Release) -> int:
    """Queue one e-mail to each speaker whose sessions changed in `release`; return how many.

    Speakers imported without an e-mail address (`imports.is_imported_address`)
    are left out.
    """
    by_session = {entry["session"]: entry for entry in release.changes}
    if not by_session:
        return 0
    sessions = Session.objects.filter(pk__in=by_session).prefetch_related(
        "speakers", "pitches__speakers"
    )
    room_names = summit_room_names(summit)
    entries_of: dict[int, list[dict]] = {}
    people = {}
    for session in sessions:
        entry = by_session[session.pk]
        speakers = [(speaker, session.title, "") for speaker in session.speakers.all()]
        speakers += [
            (speaker, pitch.title, session.title)
            for pitch in session.pitches.all()
            for speaker in pitch.speakers.all()
        ]
        for speaker, title, pitch_session in speakers:
            people[speaker.pk] = speaker
            entries_of.setdefault(speaker.pk, []).append(
                {
                    "title": title,
                    "pitch_session": pitch_session,
                    "change": entry["change"],
                    "before": _mail_place(entry["before"], room_names),
                    "after": _mail_place(entry["after"], room_names),
                }
            )
    for person_id, entries in entries_of.items():
        person = people[person_id]
        if is_imported_address(person.email):
            # Imported speakers have a made-up address that reaches nobody.
            continue
        language = language_of(person)
        send_templated(
            "programme/mail/release_speaker",
            to=person.email,
            language=language,
            summit=summit,
            context={
                "person": person,
                "summit": summit,
                "release": release,
                "entries": sorted(entries, key=lambda entry: entry["title"]),
                "url": site_url("programme_releases:changes", language, summit=summit.slug),
            },
        )
    return len(entries_of)


def _mail_place(place: dict | None, room_names: dict) -> dict | None:
    """A place for a message, with the room's name in the reader's language when it exists."""
    if place is None:
        return None
    return {
        "room_name": room_names.get(place["room"], place["room_name"]),
        "starts_at": dt.datetime.fromisoformat(place["starts_at"]),
        "ends_at": dt.datetime.fromisoformat(place["ends_at"]) if place["ends_at"] else None,
    }
