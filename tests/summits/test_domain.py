"""The write functions of summits/domain.py, called directly as the API will call them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cosummit.accounts.models import User
from cosummit.summits import domain
from cosummit.summits.models import Role, Summit, TeamMembership
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_summit_makes_its_creator_the_organiser_of_a_draft():
    creator = UserFactory()
    summit = domain.create_summit(
        by=creator,
        name={"en": "OGP Global Summit"},
        slug="ogp",
        start_date=dt.date(2016, 12, 7),
        end_date=dt.date(2016, 12, 9),
        city="Paris",
        country="FR",
    )
    assert (summit.is_published, summit.timezone, summit.languages) == (False, "Europe/Paris", [])
    assert list(summit.team.values_list("user", "role")) == [(creator.pk, Role.ORGANISER)]


def test_create_summit_leaves_nothing_behind_when_the_organiser_cannot_be_recorded():
    unsaved = User(email="ghost@example.org")
    with pytest.raises(ValueError):
        domain.create_summit(
            by=unsaved,
            name={"en": "OGP Global Summit"},
            slug="ogp",
            start_date=dt.date(2016, 12, 7),
            end_date=dt.date(2016, 12, 9),
            city="Paris",
            country="FR",
        )
    assert (Summit.objects.count(), TeamMembership.objects.count()) == (0, 0)


def test_update_event_writes_only_the_fields_that_changed(summit, organiser):
    event = EventFactory(summit=summit, location="Paris")
    with CaptureQueriesContext(connection) as queries:
        changed = domain.update_event(
            event, by=organiser, location="Lyon", slug=event.slug, kind=event.kind
        )
    event.refresh_from_db()
    assert (changed, event.location) == (["location"], "Lyon")
    assert len(queries) == 1
    assert '"location"' in queries[0]["sql"]
    assert '"slug"' not in queries[0]["sql"]


def test_update_event_with_nothing_changed_writes_nothing(summit, organiser):
    event = EventFactory(summit=summit)
    with CaptureQueriesContext(connection) as queries:
        changed = domain.update_event(event, by=organiser, title=dict(event.title))
    assert (changed, len(queries)) == ([], 0)


def test_update_functions_refuse_fields_they_do_not_manage(summit, organiser):
    event = EventFactory(summit=summit)
    with pytest.raises(TypeError):
        domain.update_event(event, by=organiser, summit=summit)
    with pytest.raises(TypeError):
        domain.update_summit(summit, by=organiser, is_published=False)


def test_giving_a_role_twice_records_it_once(summit, organiser):
    person = UserFactory()
    first = domain.add_team_role(summit, user=person, role=Role.REVIEWER, by=organiser)
    second = domain.add_team_role(summit, user=person, role=Role.REVIEWER, by=organiser)
    assert (first[1], second[1], first[0].pk == second[0].pk) == (True, False, True)
    assert TeamMembership.objects.filter(summit=summit, user=person).count() == 1
