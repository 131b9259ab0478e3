import datetime as dt

from django.core import mail
from django.utils import timezone

from cosummit.registration.domain import (
    ERASED_NAME,
    erase_expired_personal_data,
    erase_personal_data,
)
from cosummit.registration.models import Registration, RegistrationSetup, Status
from tests.factories import EventFactory, UserFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory


def past_event(*, ended_days_ago: int, retention_days: int | None):
    ends_at = timezone.now() - dt.timedelta(days=ended_days_ago)
    event = EventFactory(starts_at=ends_at - dt.timedelta(hours=3), ends_at=ends_at)
    RegistrationSetupFactory(event=event, retention_days=retention_days)
    return event


def assert_erased(registration: Registration):
    registration.refresh_from_db()
    assert registration.name == ERASED_NAME
    assert registration.email == f"erased-{registration.pk}@invalid"
    assert registration.organisation == ""
    assert registration.organisation_type == ""
    assert registration.country == ""
    assert registration.answers == {}
    assert registration.user is None


def test_erasing_a_registration_of_a_past_event_keeps_its_status_and_category(db):
    event = past_event(ended_days_ago=2, retention_days=None)
    registration = RegistrationFactory(
        event=event,
        user=UserFactory(),
        organisation_type="government",
        answers={"3": "Vegan"},
        checked_in_at=event.starts_at,
    )

    erase_personal_data(registration)

    assert_erased(registration)
    assert (registration.status, registration.category) == (Status.CONFIRMED, "government")
    assert registration.checked_in_at == event.starts_at
    assert registration.code != ""
    assert mail.outbox == []


def test_erasing_an_upcoming_registration_cancels_it_and_offers_the_seat(open_event):
    RegistrationSetup.objects.filter(event=open_event).update(capacity=1)
    registration = RegistrationFactory(event=open_event, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=open_event, status=Status.WAITING)

    erase_personal_data(registration)

    assert_erased(registration)
    assert registration.status == Status.CANCELLED
    assert registration.cancelled_at is not None
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_erased_registrations_do_not_block_each_other(open_event):
    first, second = (RegistrationFactory(event=open_event) for _ in range(2))

    erase_personal_data(first)
    erase_personal_data(second)

    assert Registration.objects.filter(name=ERASED_NAME).count() == 2


def test_personal_data_is_erased_once_the_retention_period_after_the_event_has_passed(db):
    event = past_event(ended_days_ago=10, retention_days=30)
    registrations = [
        RegistrationFactory(event=event, status=status)
        for status in (Status.CONFIRMED, Status.CANCELLED, Status.WAITING)
    ]
    now = timezone.now()

    assert erase_expired_personal_data(now=now) == 0
    assert erase_expired_personal_data(now=now + dt.timedelta(days=19, hours=23)) == 0
    assert Registration.objects.filter(name=ERASED_NAME).count() == 0

    assert erase_expired_personal_data(now=now + dt.timedelta(days=20)) == 3

    for registration in registrations:
        assert_erased(registration)
    assert [r.status for r in registrations] == [
        Status.CONFIRMED,
        Status.CANCELLED,
        Status.WAITING,
    ]
    setup = RegistrationSetup.objects.get(event=event)
    assert setup.personal_data_erased_at == now + dt.timedelta(days=20)


def test_erasure_is_done_once_per_event(db):
    event = past_event(ended_days_ago=40, retention_days=30)
    RegistrationFactory(event=event)
    assert erase_expired_personal_data() == 1

    late = RegistrationFactory(event=event, name="Added afterwards")

    assert erase_expired_personal_data() == 0
    late.refresh_from_db()
    assert late.name == "Added afterwards"


def test_events_without_retention_period_or_not_yet_over_keep_their_data(open_event):
    kept_forever = past_event(ended_days_ago=400, retention_days=None)
    RegistrationSetup.objects.filter(event=open_event).update(retention_days=0)
    registrations = [
        RegistrationFactory(event=kept_forever, name="Kept"),
        RegistrationFactory(event=open_event, name="Kept"),
    ]
    recent = past_event(ended_days_ago=1, retention_days=0)
    erased = RegistrationFactory(event=recent)

    assert erase_expired_personal_data() == 1

    assert [Registration.objects.get(pk=r.pk).name for r in registrations] == ["Kept", "Kept"]
    assert_erased(erased)
