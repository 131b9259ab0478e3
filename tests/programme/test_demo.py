"""The demo programme, built with the demo summit and released as v1."""

import pytest

from cosummit.programme.demo import build_demo_programme
from cosummit.programme.models import Day, Release, Session, Slot, Star
from cosummit.programme.warnings import agenda_warnings
from cosummit.summits.demo import build_demo

pytestmark = pytest.mark.django_db


def test_the_demo_programme_has_four_days_and_releases_every_placed_session_as_v1():
    summit = build_demo(password="demo-password").summit
    assert list(Day.objects.filter(summit=summit).values_list("date", flat=True)) == [
        summit.start_date.fromordinal(summit.start_date.toordinal() + offset)
        for offset in (-1, 0, 1, 2)
    ]
    release = Release.objects.get(summit=summit)
    assert release.version == 1
    assert Session.objects.filter(summit=summit).count() == 16
    assert Slot.objects.filter(release=release).count() == 15
    unplaced = Slot.objects.filter(release__isnull=True, starts_at__isnull=True)
    assert list(unplaced.values_list("session__title", flat=True)) == [
        "Co-creating public services with users"
    ]
    assert Star.objects.filter(session__summit=summit).count() == 4


def test_the_demo_agenda_raises_no_warning():
    summit = build_demo(password="demo-password").summit
    assert agenda_warnings(summit) == []


def test_building_the_demo_programme_again_changes_nothing():
    summit = build_demo(password="demo-password").summit
    build_demo_programme(summit)
    assert Release.objects.filter(summit=summit).count() == 1
    assert Session.objects.filter(summit=summit).count() == 16
