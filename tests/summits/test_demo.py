import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from cosummit.accounts.models import User
from cosummit.summits.demo import LAUNCH_DAY, build_demo, shift_for
from cosummit.summits.models import Event, Page, Role, Room, Summit, TeamMembership

pytestmark = pytest.mark.django_db


def test_demo_builds_the_paris_summit_in_french_and_english():
    result = build_demo(historical=True, password="demo password 2016")
    summit = Summit.objects.get()
    assert (summit.name["fr"], summit.name["en"]) == (
        "Sommet mondial du Partenariat pour un gouvernement ouvert",
        "Open Government Partnership Global Summit",
    )
    assert (summit.start_date, summit.end_date, summit.city) == (
        dt.date(2016, 12, 7),
        dt.date(2016, 12, 9),
        "Paris",
    )
    assert (result.organiser_email, result.password, result.created) == (
        "organiser@demo.cosummit.example",
        "demo password 2016",
        True,
    )


def test_demo_launch_evening_has_the_three_co_creation_workshops():
    build_demo(historical=True)
    launch = Event.objects.get(slug="launch")
    workshops = Event.objects.filter(kind=Event.Kind.WORKSHOP, starts_at__date=LAUNCH_DAY)
    assert launch.starts_at.date() == dt.date(2016, 4, 20)
    assert "Minister of State for State Reform" in launch.summary["en"]
    assert sorted(workshops.values_list("slug", flat=True)) == [
        "workshop-agenda",
        "workshop-cso-day",
        "workshop-hackathon",
    ]


def test_every_demo_text_exists_in_both_languages():
    build_demo(historical=True)
    for event in Event.objects.all():
        assert set(event.title) == {"fr", "en"}, event.slug
        if event.summary:
            assert set(event.summary) == {"fr", "en"}, event.slug


def test_running_the_demo_twice_duplicates_nothing():
    build_demo()
    second = build_demo()
    counts = (
        Summit.objects.count(),
        Event.objects.count(),
        Room.objects.count(),
        Page.objects.count(),
        User.objects.count(),
        TeamMembership.objects.count(),
    )
    assert counts == (1, 12, 3, 1, 4, 4)
    assert (second.created, second.password) == (False, "")


def test_demo_dates_are_shifted_by_whole_weeks_so_the_launch_is_upcoming():
    build_demo()
    launch = Event.objects.get(slug="launch")
    assert launch.starts_at > timezone.now()
    assert launch.starts_at.date().weekday() == LAUNCH_DAY.weekday()
    assert shift_for(dt.date(2016, 1, 1), historical=False) == dt.timedelta(0)


def test_demo_team_covers_every_role():
    build_demo()
    assert sorted(TeamMembership.objects.values_list("role", flat=True)) == sorted(Role.values)


def test_demo_command_loads_only_into_an_empty_database_with_if_empty(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo", "--if-empty", "--password", "a demo password")
    call_command("demo", "--if-empty")
    output = capsys.readouterr().out
    assert Summit.objects.count() == 1
    assert "The database already holds a summit; the demo was not loaded." in output
    assert output.count("Demo organiser: organiser@demo.cosummit.example / password: a") == 2
