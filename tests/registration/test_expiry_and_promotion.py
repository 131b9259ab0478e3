import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.registration.domain import (
    confirm_registration,
    promote_from_waiting_list,
    register,
    release_expired_holds,
)
from cosummit.registration.models import Quota, Registration, RegistrationSetup, Status
from cosummit.registration.queries import waiting_position
from cosummit.registration.tasks import (
    erase_expired_personal_data_task,
    release_expired_holds_task,
    schedule_hold_expiry,
)
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationSetupFactory,
    make_registrant,
)


def status_of(registration) -> str:
    return Registration.objects.get(pk=registration.pk).status


@pytest.fixture
def one_seat_event(db):
    return RegistrationSetupFactory(capacity=1, hold_hours=2, offer_hours=6).event


def test_an_unconfirmed_hold_expires_at_its_deadline_and_the_seat_is_offered(one_seat_event):
    holder = register(one_seat_event, registrant=make_registrant(1))
    waiting = register(one_seat_event, registrant=make_registrant(2))
    mail.outbox.clear()
    deadline = holder.hold_expires_at

    assert release_expired_holds(now=deadline - dt.timedelta(seconds=1)) == 0
    assert release_expired_holds(now=deadline) == 1

    assert status_of(holder) == Status.EXPIRED
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert waiting.hold_expires_at == deadline + dt.timedelta(hours=6)
    expired, offered = mail.outbox
    assert expired.to == ["guest1@example.org"]
    assert expired.subject.startswith("Your seat was released: ")
    assert "/en/summit-" in expired.body
    assert "/register/" in expired.body
    assert offered.to == ["guest2@example.org"]


def test_an_offer_not_taken_passes_to_the_next_person(one_seat_event):
    holder = register(one_seat_event, registrant=make_registrant(1))
    first = register(one_seat_event, registrant=make_registrant(2))
    second = register(one_seat_event, registrant=make_registrant(3))
    release_expired_holds(now=holder.hold_expires_at)
    first.refresh_from_db()

    assert release_expired_holds(now=first.hold_expires_at) == 1

    assert (status_of(first), status_of(second)) == (Status.EXPIRED, Status.OFFERED)


def test_release_expired_holds_covers_every_event_and_only_past_deadlines(db):
    now = timezone.now()
    past = now - dt.timedelta(seconds=1)
    expired = [
        RegistrationFactory(status=Status.HELD, hold_expires_at=past),
        RegistrationFactory(status=Status.OFFERED, hold_expires_at=past),
    ]
    kept = [
        RegistrationFactory(status=Status.HELD, hold_expires_at=now + dt.timedelta(minutes=1)),
        RegistrationFactory(status=Status.CONFIRMED, hold_expires_at=past),
        RegistrationFactory(status=Status.AWAITING_APPROVAL, hold_expires_at=past),
    ]

    assert release_expired_holds(now=now) == 2

    assert [status_of(r) for r in expired] == [Status.EXPIRED, Status.EXPIRED]
    assert [status_of(r) for r in kept] == [r.status for r in kept]
    assert release_expired_holds(now=now) == 0


def test_registering_releases_the_expired_holds_of_the_event_first(one_seat_event):
    holder = register(one_seat_event, registrant=make_registrant(1))
    later = holder.hold_expires_at + dt.timedelta(minutes=1)

    newcomer = register(one_seat_event, registrant=make_registrant(2), now=later)

    assert status_of(holder) == Status.EXPIRED
    assert newcomer.status == Status.HELD


def test_people_waiting_get_a_released_seat_before_a_newcomer(one_seat_event):
    holder = register(one_seat_event, registrant=make_registrant(1))
    waiting = register(one_seat_event, registrant=make_registrant(2))
    later = holder.hold_expires_at + dt.timedelta(minutes=1)

    newcomer = register(one_seat_event, registrant=make_registrant(3), now=later)

    assert status_of(waiting) == Status.OFFERED
    assert newcomer.status == Status.WAITING
    assert waiting_position(newcomer) == 1


def test_promotion_follows_arrival_order_then_the_order_of_registration(db):
    setup = RegistrationSetupFactory(capacity=0)
    same_time = timezone.now()
    later = RegistrationFactory(
        event=setup.event, status=Status.WAITING, waiting_since=same_time + dt.timedelta(1)
    )
    first = RegistrationFactory(event=setup.event, status=Status.WAITING, waiting_since=same_time)
    second = RegistrationFactory(event=setup.event, status=Status.WAITING, waiting_since=same_time)
    assert [waiting_position(r) for r in (first, second, later)] == [1, 2, 3]
    RegistrationSetup.objects.filter(pk=setup.pk).update(capacity=2)

    promoted = promote_from_waiting_list(setup.event)

    assert [r.pk for r in promoted] == [first.pk, second.pk]
    assert status_of(later) == Status.WAITING
    assert waiting_position(Registration.objects.get(pk=later.pk)) == 1


def test_promotion_skips_people_whose_quota_is_full_and_keeps_their_place(db):
    setup = RegistrationSetupFactory(capacity=2)
    Quota.objects.create(setup=setup, category="government", capacity=1)
    event = setup.event
    RegistrationFactory(event=event, organisation_type="government")
    holder = RegistrationFactory(event=event, organisation_type="civil_society")
    government = RegistrationFactory(event=event, organisation_type="government", status="waiting")
    civil = RegistrationFactory(event=event, organisation_type="civil_society", status="waiting")
    Registration.objects.filter(pk=holder.pk).update(status=Status.CANCELLED)

    promoted = promote_from_waiting_list(event)

    assert promoted == [civil]
    assert status_of(government) == Status.WAITING
    assert waiting_position(Registration.objects.get(pk=government.pk)) == 1


def test_promotion_without_total_capacity_follows_quotas_only(db):
    setup = RegistrationSetupFactory(capacity=None)
    Quota.objects.create(setup=setup, category="government", capacity=2)
    event = setup.event
    waiting = [
        RegistrationFactory(event=event, organisation_type="government", status="waiting")
        for _ in range(3)
    ]

    promoted = promote_from_waiting_list(event)

    assert [r.pk for r in promoted] == [waiting[0].pk, waiting[1].pk]


def test_promotion_when_no_seat_is_free_changes_nothing(one_seat_event):
    RegistrationFactory(event=one_seat_event)
    waiting = RegistrationFactory(event=one_seat_event, status=Status.WAITING)

    assert promote_from_waiting_list(one_seat_event) == []

    assert status_of(waiting) == Status.WAITING
    assert mail.outbox == []


def test_the_offer_mail_asks_to_confirm_before_the_deadline(one_seat_event):
    waiting = RegistrationFactory(event=one_seat_event, status=Status.WAITING, language="en")
    now = timezone.now()

    promote_from_waiting_list(one_seat_event, now=now)

    waiting.refresh_from_db()
    assert waiting.hold_expires_at == now + dt.timedelta(hours=6)
    message = mail.outbox[0]
    assert message.subject == f"A seat is free for you: {one_seat_event.title.localize('en')}"
    assert f"/en/registrations/{waiting.token}/confirm/" in message.body
    assert f"/en/registrations/{waiting.token}/confirm/" in message.alternatives[0][0]


def test_a_promoted_person_confirms_and_gets_the_ticket(one_seat_event):
    waiting = RegistrationFactory(event=one_seat_event, status=Status.WAITING)
    promote_from_waiting_list(one_seat_event)

    confirm_registration(Registration.objects.get(pk=waiting.pk))

    assert status_of(waiting) == Status.CONFIRMED


def test_waiting_position_is_none_for_anyone_not_waiting(open_event):
    assert waiting_position(RegistrationFactory(event=open_event)) is None


# Tasks


def test_the_tasks_run_the_domain_functions(one_seat_event):
    RegistrationFactory(
        event=one_seat_event,
        status=Status.HELD,
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )

    assert release_expired_holds_task.enqueue().return_value == 1
    assert erase_expired_personal_data_task.enqueue().return_value == 0


def test_a_backend_that_cannot_wait_gets_no_deferred_expiry(one_seat_event):
    registration = register(one_seat_event, registrant=make_registrant())
    assert release_expired_holds_task.get_backend().supports_defer is False

    # Enqueuing with a time to wait for would raise InvalidTask on this backend.
    schedule_hold_expiry(registration)

    assert status_of(registration) == Status.HELD


def test_a_backend_that_can_wait_releases_the_hold_at_its_deadline(
    one_seat_event, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = release_expired_holds_task.get_backend()
    backend.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(one_seat_event, registrant=make_registrant())

    scheduled = [r for r in backend.results if r.task.name == "release_expired_holds_task"]
    assert [r.task.run_after for r in scheduled] == [registration.hold_expires_at]
