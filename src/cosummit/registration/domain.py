"""Writes to registrations: registering, confirming, the waiting list, check-in, erasure.

Every change that can take or free a seat runs in one transaction that starts
by locking the event's `RegistrationSetup` row (`select_for_update`; on SQLite
the IMMEDIATE transaction mode serialises writers instead), then counts seats
and writes. Two requests for the last seat therefore queue on the lock and the
second one sees the first one's row. The partial unique constraint
`registration_one_active_per_email` is the last guard against a second active
registration for the same e-mail.

Mail is sent inside the same transaction: the outbox stores the message with
the registration, and delivery starts once it commits.

Views, the API, commands and tasks call these functions; they trust their
arguments (forms check input, `queries.py` checks permissions). `by` is the
person acting, written to the log.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, Max, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cosummit.core.i18n import clean_translations
from cosummit.summits.models import Event

from . import mail
from .models import (
    ACTIVE_STATUSES,
    Category,
    Quota,
    Registration,
    RegistrationSetup,
    Status,
    category_of,
)
from .queries import get_setup, is_open
from .seats import Seats, lock_setup, retry_when_locked
from .tickets import language_of

logger = logging.getLogger(__name__)

HOLD_STATUSES = (Status.HELD, Status.OFFERED)
SETUP_FIELDS = (
    "is_enabled",
    "opens_at",
    "closes_at",
    "capacity",
    "requires_approval",
    "hold_hours",
    "offer_hours",
    "consent_text",
    "retention_days",
)
ERASED_NAME = "—"


@dataclass(frozen=True)
class Registrant:
    """Who registers, as a form or an organiser describes them."""

    name: str
    email: str
    organisation: str = ""
    organisation_type: str = ""
    country: str = ""
    language: str = "fr"
    answers: dict = field(default_factory=dict)
    consented: bool = False
    user: object | None = None


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    already: bool
    at: dt.datetime
    by: object | None


class RegistrationError(Exception):
    """A rule refused the action; `message` says why, to the person."""

    default_message = _("This registration cannot be changed.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class RegistrationClosed(RegistrationError):
    default_message = _("Registration for this event is closed.")


class AlreadyRegistered(RegistrationError):
    default_message = _(
        "You are already registered for this event. We have sent the link to your "
        "registration to your e-mail address again."
    )

    def __init__(self, registration: Registration, message=None):
        self.registration = registration
        super().__init__(message)


class HoldExpired(RegistrationError):
    default_message = _(
        "The time to confirm this registration has passed and the seat was released."
    )


class NotAllowed(RegistrationError):
    default_message = _("This cannot be done with a registration in its current state.")


def _save(registration: Registration, **changes) -> None:
    for name, value in changes.items():
        setattr(registration, name, value)
    registration.save(update_fields=list(changes))


def _refresh(registration: Registration, setup: RegistrationSetup) -> None:
    """Read the registration again under the lock: another request may have changed it."""
    registration.refresh_from_db()
    registration.event = setup.event


def _schedule_hold_expiry(registration: Registration) -> None:
    from .tasks import schedule_hold_expiry

    # Robust: should the queue refuse the task, the registration stands and the
    # worker's housekeeping releases the hold instead.
    transaction.on_commit(lambda: schedule_hold_expiry(registration), robust=True)


def _join_waiting_list(registration: Registration, now: dt.datetime) -> None:
    """Save `registration` at the end of the waiting list and tell the person their position.

    Its arrival time is `now`, but after everyone already waiting: the clock
    of a server can step back, and the list must stay in the order people
    joined it. Being last, the person's position is the number waiting, plus one.
    """
    waiting = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITING
    ).aggregate(count=Count("pk"), last=Max("waiting_since"))
    last = waiting["last"]
    registration.status = Status.WAITING
    registration.waiting_since = (
        last + dt.timedelta(microseconds=1) if last is not None and now <= last else now
    )
    registration.save()
    mail.send(registration, "waiting", position=waiting["count"] + 1)


def _offer(registration: Registration, setup: RegistrationSetup, now: dt.datetime) -> None:
    _save(registration, status=Status.OFFERED, hold_expires_at=now + setup.offer_duration)
    mail.send(registration, "offered")
    _schedule_hold_expiry(registration)


def _promote(setup: RegistrationSetup, seats: Seats, now: dt.datetime) -> list[Registration]:
    """Offer free seats to the waiting list, first come first; under the setup's lock.

    A person whose category has no seat left is skipped and keeps their place.
    """
    promoted = []
    waiting = Registration.objects.filter(event_id=setup.event_id, status=Status.WAITING).order_by(
        "waiting_since", "pk"
    )
    while seats.any_free():
        candidates = waiting.exclude(category__in=seats.full_categories())
        # Without a total capacity, only quotas limit seats: read the list in pages.
        batch = list(candidates[: seats.free if seats.free is not None else 100])
        if not batch:
            break
        for registration in batch:
            if not seats.has_room(registration.category):
                continue
            registration.event = setup.event
            _offer(registration, setup, now)
            seats.take(registration.category)
            promoted.append(registration)
    for registration in promoted:
        logger.info("Registration %s offered a freed seat.", registration.pk)
    return promoted


def _expire(registration: Registration, seats: Seats) -> None:
    _save(registration, status=Status.EXPIRED)
    seats.release(registration.category)
    mail.send(registration, "expired")


def _release_expired(setup: RegistrationSetup, seats: Seats, now: dt.datetime) -> int:
    """Expire the event's holds that passed their deadline, then promote; under the lock."""
    expired = list(
        Registration.objects.filter(
            event_id=setup.event_id, status__in=HOLD_STATUSES, hold_expires_at__lte=now
        ).order_by("hold_expires_at", "pk")
    )
    for registration in expired:
        registration.event = setup.event
        _expire(registration, seats)
    if expired:
        logger.info("Event %s: %s holds expired.", setup.event_id, len(expired))
        _promote(setup, seats, now)
    return len(expired)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _active_registration(event_id: int, email: str) -> Registration | None:
    return (
        Registration.objects.filter(event_id=event_id, email=email, status__in=ACTIVE_STATUSES)
        .select_related("event__summit", "event__venue")
        .first()
    )


def _new_registration(
    setup: RegistrationSetup, registrant: Registrant, email: str, now: dt.datetime
) -> Registration:
    return Registration(
        event=setup.event,
        user=registrant.user,
        name=registrant.name.strip(),
        email=email,
        organisation=registrant.organisation.strip(),
        organisation_type=registrant.organisation_type,
        country=registrant.country,
        category=category_of(registrant.organisation_type),
        language=language_of(registrant.language),
        answers=dict(registrant.answers),
        consent_version=setup.consent_version if registrant.consented else None,
        consented_at=now if registrant.consented else None,
    )


def _closed_reason(setup: RegistrationSetup, now: dt.datetime) -> str:
    if setup.is_enabled and setup.opens_at is not None and now < setup.opens_at:
        return _("Registration for this event is not open yet.")
    return RegistrationClosed.default_message


def _handle_duplicate(event_id: int, email: str, *, tell: bool) -> Registration | None:
    """After the unique constraint refused a row: the registration that holds the e-mail."""
    with transaction.atomic():
        existing = _active_registration(event_id, email)
        if existing is not None and tell:
            mail.send(existing, "already_registered")
    return existing


# Registering


@retry_when_locked
def register(event: Event, *, registrant: Registrant, now: dt.datetime | None = None):
    """Register someone for `event`: a held seat if there is one, else the waiting list.

    Raises `RegistrationClosed` (nothing written) when registration is not
    open, and `AlreadyRegistered` when the e-mail already has an active
    registration for the event, after mailing its private link again.

    Side effects:
    1. when the e-mail is already registered: a mail with the private link of
       that registration, and nothing else;
    otherwise, in one transaction under the setup's lock:
    2. holds of the event past their deadline expire (mail to each) and their
       seats are offered to the waiting list (mail to each);
    3. a registration row: `HELD` until now + the hold duration when the event
       and the person's category have a free seat, else `WAITING`;
    4. a mail: "confirm your registration" with the confirmation link, or
       "you are on the waiting list" with the position;
    5. after commit, a task to release the hold at its deadline (when the task
       backend can defer tasks);
    6. a log entry.
    """
    email = normalise_email(registrant.email)
    # Both checks read outside the lock, to keep it short: a registration for
    # the same e-mail written meanwhile is refused by the unique constraint, and
    # a hold expiring meanwhile is released by the next registration.
    existing = _active_registration(event.pk, email)
    if existing is not None:
        mail.send(existing, "already_registered")
        raise AlreadyRegistered(existing)
    holds_expired = Registration.objects.filter(
        event_id=event.pk, status__in=HOLD_STATUSES, hold_expires_at__lte=now or timezone.now()
    ).exists()
    try:
        with transaction.atomic():
            setup = lock_setup(event.pk)
            # The time is read under the lock, so that arrival times follow the
            # order in which registrations are written.
            now = now or timezone.now()
            if not is_open(setup, now):
                raise RegistrationClosed(_closed_reason(setup, now))
            seats = Seats(setup)
            if holds_expired:
                _release_expired(setup, seats, now)
            registration = _new_registration(setup, registrant, email, now)
            if seats.has_room(registration.category):
                registration.status = Status.HELD
                registration.hold_expires_at = now + setup.hold_duration
                registration.save()
                mail.send(registration, "hold")
                _schedule_hold_expiry(registration)
            else:
                _join_waiting_list(registration, now)
    except IntegrityError:
        existing = _handle_duplicate(event.pk, email, tell=True)
        if existing is None:
            raise
        raise AlreadyRegistered(existing) from None
    logger.info("Event %s: registration %s %s.", event.pk, registration.pk, registration.status)
    return registration


@retry_when_locked
def add_registration(event: Event, *, registrant: Registrant, by) -> Registration:
    """Register someone on behalf of the organisers, whatever the opening dates.

    The person is confirmed at once when a seat is free for their category,
    else put on the waiting list. Raises `AlreadyRegistered` (no mail) when the
    e-mail already has an active registration for the event.

    Side effects, in one transaction under the setup's lock:
    1. the event's setup row is created if it had none;
    2. a registration row, `CONFIRMED` or `WAITING`;
    3. a mail: the ticket, or "you are on the waiting list";
    4. a log entry.
    """
    email = normalise_email(registrant.email)
    get_setup(event)
    try:
        with transaction.atomic():
            setup = lock_setup(event.pk)
            now = timezone.now()
            existing = _active_registration(event.pk, email)
            if existing is None:
                seats = Seats(setup)
                registration = _new_registration(setup, registrant, email, now)
                if seats.has_room(registration.category):
                    registration.status = Status.CONFIRMED
                    registration.confirmed_at = now
                    registration.save()
                    mail.send_ticket(registration)
                else:
                    _join_waiting_list(registration, now)
    except IntegrityError:
        existing = _handle_duplicate(event.pk, email, tell=False)
        if existing is None:
            raise
    if existing is not None:
        raise AlreadyRegistered(existing, _("This e-mail address is already registered."))
    logger.info(
        "Event %s: registration %s added (%s) by user %s.",
        event.pk,
        registration.pk,
        registration.status,
        by.pk,
    )
    return registration


# Changing a registration


@retry_when_locked
def confirm_registration(registration: Registration, *, now: dt.datetime | None = None):
    """Confirm a held or offered seat before its deadline.

    Confirming again changes nothing. Raises `HoldExpired` when the deadline
    has passed (the seat is then released, as `release_expired_holds` would),
    `NotAllowed` for a registration that holds no seat to confirm.

    Side effects, in one transaction under the setup's lock:
    1. the registration becomes `CONFIRMED`, or `AWAITING_APPROVAL` when the
       organisers approve each registration;
    2. a mail: the ticket (QR code and calendar file attached), or "we received
       it, the organisers will approve it";
    3. past the deadline instead: the registration becomes `EXPIRED`, a mail
       says so and the seat is offered to the waiting list;
    4. a log entry.
    """
    with transaction.atomic():
        setup = lock_setup(registration.event_id)
        now = now or timezone.now()
        _refresh(registration, setup)
        if registration.status in (Status.CONFIRMED, Status.AWAITING_APPROVAL):
            return registration
        if registration.status not in HOLD_STATUSES:
            raise NotAllowed
        expired = registration.hold_expires_at is not None and now >= registration.hold_expires_at
        if expired:
            seats = Seats(setup)
            _expire(registration, seats)
            _promote(setup, seats, now)
        elif setup.requires_approval:
            _save(registration, status=Status.AWAITING_APPROVAL, hold_expires_at=None)
            mail.send(registration, "awaiting_approval")
        else:
            _save(registration, status=Status.CONFIRMED, confirmed_at=now, hold_expires_at=None)
            mail.send_ticket(registration)
    if expired:
        raise HoldExpired
    logger.info("Registration %s %s.", registration.pk, registration.status)
    return registration


@retry_when_locked
def approve_registration(registration: Registration, *, by) -> Registration:
    """Accept a registration that waits for the organisers' approval.

    Side effects, in one transaction under the setup's lock:
    1. the registration becomes `CONFIRMED`;
    2. a mail with the ticket;
    3. a log entry.
    """
    with transaction.atomic():
        setup = lock_setup(registration.event_id)
        _refresh(registration, setup)
        if registration.status != Status.AWAITING_APPROVAL:
            raise NotAllowed
        _save(registration, status=Status.CONFIRMED, confirmed_at=timezone.now())
        mail.send_ticket(registration)
    logger.info("Registration %s approved by user %s.", registration.pk, by.pk)
    return registration


@retry_when_locked
def reject_registration(registration: Registration, *, by) -> Registration:
    """Turn down a registration that is not confirmed yet, or one on the waiting list.

    Side effects, in one transaction under the setup's lock:
    1. the registration becomes `REJECTED`;
    2. a mail tells the person;
    3. a seat it held is offered to the waiting list (mail to each);
    4. a log entry.
    """
    with transaction.atomic():
        setup = lock_setup(registration.event_id)
        _refresh(registration, setup)
        if registration.status not in (*HOLD_STATUSES, Status.AWAITING_APPROVAL, Status.WAITING):
            raise NotAllowed
        held = registration.holds_seat
        _save(registration, status=Status.REJECTED)
        mail.send(registration, "rejected")
        if held:
            _promote(setup, Seats(setup), timezone.now())
    logger.info("Registration %s rejected by user %s.", registration.pk, by.pk)
    return registration


@retry_when_locked
def cancel_registration(registration: Registration, *, by=None, now: dt.datetime | None = None):
    """Cancel an active registration, for the registrant (`by` None or themselves) or organisers.

    Raises `NotAllowed` for a registration that is no longer active.

    Side effects, in one transaction under the setup's lock:
    1. the registration becomes `CANCELLED`;
    2. a mail tells the person;
    3. a seat it held is offered to the waiting list (mail to each);
    4. a log entry.
    """
    with transaction.atomic():
        setup = lock_setup(registration.event_id)
        now = now or timezone.now()
        _refresh(registration, setup)
        if not registration.is_active:
            raise NotAllowed
        held = registration.holds_seat
        _save(registration, status=Status.CANCELLED, cancelled_at=now)
        by_organisers = by is not None and by.pk != registration.user_id
        mail.send(registration, "cancelled", by_organisers=by_organisers)
        if held:
            _promote(setup, Seats(setup), now)
    logger.info(
        "Registration %s cancelled by %s.", registration.pk, f"user {by.pk}" if by else "link"
    )
    return registration


@retry_when_locked
def update_registration(
    registration: Registration,
    *,
    answers: dict,
    name: str,
    organisation: str,
    organisation_type: str,
    country: str,
) -> Registration:
    """Change the registrant's details and answers.

    A new organisation type may move the person to another category; when that
    category has no seat left, nothing changes and `RegistrationError` says so.

    Side effects, in one transaction under the setup's lock:
    1. the registration row is updated;
    2. when the category changed, a seat freed in the former category's quota
       is offered to the waiting list (mail to each);
    3. a log entry.
    """
    with transaction.atomic():
        setup = lock_setup(registration.event_id)
        _refresh(registration, setup)
        if not registration.is_active:
            raise NotAllowed
        category = category_of(organisation_type)
        moved = category != registration.category
        seats = Seats(setup) if moved else None
        if moved and registration.holds_seat:
            if seats.category_full(category):
                raise RegistrationError(
                    _(
                        "There is no seat left for people from this type of organisation: "
                        "your registration was not changed."
                    )
                )
            seats.release(registration.category)
            seats.take(category)
        _save(
            registration,
            name=name.strip(),
            organisation=organisation.strip(),
            organisation_type=organisation_type,
            country=country,
            category=category,
            answers=dict(answers),
        )
        if moved:
            _promote(setup, seats, timezone.now())
    logger.info("Registration %s updated.", registration.pk)
    return registration


# Holds and the waiting list


def release_expired_holds(*, now: dt.datetime | None = None) -> int:
    """Expire every hold and offer past its deadline; return how many expired.

    Side effects, for each event concerned, in one transaction under its lock:
    1. the registrations become `EXPIRED`, a mail to each;
    2. the freed seats are offered to the waiting list, a mail to each;
    3. a log entry.
    """
    now = now or timezone.now()
    event_ids = (
        Registration.objects.filter(status__in=HOLD_STATUSES, hold_expires_at__lte=now)
        .order_by()
        .values_list("event_id", flat=True)
        .distinct()
    )
    return sum(_release_expired_for_event(event_id, now) for event_id in list(event_ids))


@retry_when_locked
def _release_expired_for_event(event_id: int, now: dt.datetime) -> int:
    with transaction.atomic():
        setup = lock_setup(event_id)
        return _release_expired(setup, Seats(setup), now)


@retry_when_locked
def promote_from_waiting_list(event: Event, *, now: dt.datetime | None = None):
    """Offer every free seat to the first eligible people waiting; return them.

    Side effects, in one transaction under the setup's lock:
    1. each person offered a seat becomes `OFFERED` until now + the offer duration;
    2. a mail to each: "a seat is free, confirm before …";
    3. after commit, a task to release each offer at its deadline;
    4. a log entry for each.
    """
    with transaction.atomic():
        setup = lock_setup(event.pk)
        return _promote(setup, Seats(setup), now or timezone.now())


# The organisers' settings


@retry_when_locked
def update_registration_setup(setup: RegistrationSetup, *, by, **changes) -> RegistrationSetup:
    """Change how people register for the event; return the setup.

    Side effects, in one transaction under the setup's lock:
    1. the setup row is updated, changed fields only; a changed consent text
       gets a new version (the first text keeps version 1), so that each
       answer tells which text was agreed to;
    2. when the capacity changed, free seats are offered to the waiting list;
    3. a log entry when something changed.
    """
    unknown = set(changes) - set(SETUP_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} here.")
    with transaction.atomic():
        locked = lock_setup(setup.event_id)
        had_consent_text = bool(locked.consent_text)
        changed = []
        for name, value in changes.items():
            if name == "consent_text":
                value = clean_translations(value)
            if getattr(locked, name) != value:
                setattr(locked, name, value)
                changed.append(name)
        # Nobody can have agreed to an empty text: the first one stays version 1.
        if "consent_text" in changed and had_consent_text:
            locked.consent_version += 1
            changed.append("consent_version")
        if changed:
            locked.save(update_fields=changed)
        if "capacity" in changed:
            _promote(locked, Seats(locked), timezone.now())
    for name in (*changed, "consent_version"):
        setattr(setup, name, getattr(locked, name))
    if changed:
        logger.info(
            "Event %s: registration %s changed by user %s.",
            setup.event_id,
            ", ".join(changed),
            by.pk,
        )
    return setup


@retry_when_locked
def set_quotas(setup: RegistrationSetup, *, quotas: dict[str, int | None], by) -> None:
    """Set the seats of each category; None removes a category's quota.

    Side effects, in one transaction under the setup's lock:
    1. quota rows are written, changed or deleted;
    2. seats that became available are offered to the waiting list;
    3. a log entry.
    """
    unknown = set(quotas) - set(Category.values)
    if unknown:
        raise ValueError(f"Unknown categories: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        locked = lock_setup(setup.event_id)
        for category, capacity in quotas.items():
            if capacity is None:
                Quota.objects.filter(setup=locked, category=category).delete()
            else:
                Quota.objects.update_or_create(
                    setup=locked, category=category, defaults={"capacity": capacity}
                )
        _promote(locked, Seats(locked), timezone.now())
    logger.info("Event %s: quotas %s set by user %s.", setup.event_id, quotas, by.pk)


# Check-in


def check_in(registration: Registration, *, by, now: dt.datetime | None = None) -> CheckInResult:
    """Record that a confirmed registrant arrived; a second time, say when and by whom.

    Raises `NotAllowed` for a registration that is not confirmed.

    Side effects, in one transaction with the registration's row locked:
    1. the first time, the registration's check-in time and volunteer are written;
    2. a log entry.
    """
    with transaction.atomic():
        locked = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("checked_in_by")
            .get(pk=registration.pk)
        )
        if locked.status != Status.CONFIRMED:
            raise NotAllowed(_("Only a confirmed registration can be checked in."))
        if locked.checked_in_at is not None:
            registration.checked_in_at = locked.checked_in_at
            registration.checked_in_by = locked.checked_in_by
            return CheckInResult(
                registration=registration,
                already=True,
                at=locked.checked_in_at,
                by=locked.checked_in_by,
            )
        _save(registration, checked_in_at=now or timezone.now(), checked_in_by=by)
    logger.info("Registration %s checked in by user %s.", registration.pk, by.pk)
    return CheckInResult(
        registration=registration, already=False, at=registration.checked_in_at, by=by
    )


# Personal data


@retry_when_locked
def erase_personal_data(registration: Registration) -> None:
    """Erase what identifies the registrant; keep the status and category for counts.

    A registration still active for an event that has not ended is cancelled
    first, so that its seat goes to someone else: nobody can be reached at an
    erased address.

    Side effects, in one transaction under the setup's lock:
    1. an active registration of an upcoming event becomes `CANCELLED` (no
       mail) and its seat is offered to the waiting list;
    2. the name, e-mail, organisation, country and answers are erased and the
       account unlinked;
    3. a log entry.
    """
    with transaction.atomic():
        setup = lock_setup(registration.event_id)
        _refresh(registration, setup)
        now = timezone.now()
        if registration.is_active and setup.event.ends_at > now:
            held = registration.holds_seat
            _save(registration, status=Status.CANCELLED, cancelled_at=now)
            if held:
                _promote(setup, Seats(setup), now)
        _save(
            registration,
            name=ERASED_NAME,
            email=f"erased-{registration.pk}@invalid",
            organisation="",
            organisation_type="",
            country="",
            answers={},
            user=None,
        )
    logger.info("Registration %s: personal data erased.", registration.pk)


def erase_expired_personal_data(*, now: dt.datetime | None = None) -> int:
    """Erase the registrants' personal data of events past their retention period.

    Returns the number of registrations erased.

    Side effects, for each event whose end + retention days has passed:
    1. its registrations' personal data are erased, statuses and categories kept;
    2. its setup records when this happened, so that it is done once;
    3. a log entry.
    """
    now = now or timezone.now()
    setups = RegistrationSetup.objects.filter(
        retention_days__isnull=False,
        personal_data_erased_at__isnull=True,
        event__ends_at__lte=now,
    ).select_related("event")
    erased = 0
    for setup in setups:
        if setup.event.ends_at + dt.timedelta(days=setup.retention_days) > now:
            continue
        with transaction.atomic():
            count = Registration.objects.filter(event_id=setup.event_id).update(
                name=ERASED_NAME,
                email=Concat(
                    Value("erased-"),
                    Cast("pk", CharField()),
                    Value("@invalid"),
                    output_field=CharField(),
                ),
                organisation="",
                organisation_type="",
                country="",
                answers={},
                user=None,
            )
            setup.personal_data_erased_at = now
            setup.save(update_fields=["personal_data_erased_at"])
        erased += count
        logger.info("Event %s: personal data of %s registrations erased.", setup.event_id, count)
    return erased


# Messages from the organisers


def message_registrants(event: Event, *, registrations, subject: str, body: str, by) -> int:
    """Send the organisers' message to each of `registrations`; return how many were queued.

    Side effects:
    1. one plain-text mail per registration, through the outbox, in one transaction;
    2. a log entry.
    """
    registrations = list(registrations)
    for registration in registrations:
        registration.event = event
    with transaction.atomic():
        count = mail.send_to_registrants(registrations, subject=subject, body=body)
    logger.info("Event %s: message sent to %s registrants by user %s.", event.pk, count, by.pk)
    return count
