import datetime as dt

import pytest
from django.utils import timezone

from cosummit.registration.domain import NotAllowed, check_in
from cosummit.registration.models import Status
from tests.factories import UserFactory
from tests.registration.factories import RegistrationFactory


def test_checking_in_a_confirmed_registrant_records_when_and_by_whom(open_event):
    volunteer = UserFactory()
    registration = RegistrationFactory(event=open_event)
    now = timezone.now()

    result = check_in(registration, by=volunteer, now=now)

    assert (result.already, result.at, result.by) == (False, now, volunteer)
    registration.refresh_from_db()
    assert (registration.checked_in_at, registration.checked_in_by) == (now, volunteer)


def test_a_second_check_in_says_when_and_by_whom_the_first_was(open_event):
    first_volunteer, second_volunteer = UserFactory(), UserFactory()
    registration = RegistrationFactory(event=open_event)
    first_time = timezone.now()
    check_in(registration, by=first_volunteer, now=first_time)

    result = check_in(
        type(registration).objects.get(pk=registration.pk),
        by=second_volunteer,
        now=first_time + dt.timedelta(minutes=5),
    )

    assert (result.already, result.at, result.by) == (True, first_time, first_volunteer)
    registration.refresh_from_db()
    assert (registration.checked_in_at, registration.checked_in_by) == (first_time, first_volunteer)


@pytest.mark.parametrize(
    "status",
    [Status.HELD, Status.AWAITING_APPROVAL, Status.WAITING, Status.OFFERED, Status.CANCELLED],
)
def test_only_a_confirmed_registration_can_be_checked_in(open_event, status):
    registration = RegistrationFactory(event=open_event, status=status)

    with pytest.raises(NotAllowed) as raised:
        check_in(registration, by=UserFactory())

    assert str(raised.value.message) == "Only a confirmed registration can be checked in."
    registration.refresh_from_db()
    assert registration.checked_in_at is None
