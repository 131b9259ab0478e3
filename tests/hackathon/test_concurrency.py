"""Acceptances at the same moment keep the team size limit and one team per person.

Threads share the database through the `shared_database` fixture, on
PostgreSQL as on SQLite.
"""

import pytest

from cosummit.hackathon import domain
from cosummit.hackathon.models import JoinRequest, TeamMember
from tests.factories import SummitFactory, UserFactory
from tests.hackathon.factories import (
    HackathonFactory,
    HackathonSettingsFactory,
    JoinRequestFactory,
    TeamFactory,
    register,
)
from tests.threads import errors_of, run_at_once


def registered_people(event, count: int) -> list:
    people = UserFactory.create_batch(count)
    for person in people:
        register(person, event)
    return people


def fresh(join_request) -> JoinRequest:
    return JoinRequest.objects.select_related("team__event__summit", "user").get(pk=join_request.pk)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_database")
def test_two_members_accepting_at_once_fill_the_last_seat_once():
    event = HackathonFactory(summit=SummitFactory())
    HackathonSettingsFactory(event=event, team_size_limit=3)
    first, second, newcomer, latecomer = registered_people(event, 4)
    team = TeamFactory(event=event, members=[first, second])
    requests = [
        JoinRequestFactory(team=team, user=newcomer),
        JoinRequestFactory(team=team, user=latecomer),
    ]

    errors = errors_of(
        run_at_once(
            [
                lambda by=by, join_request=join_request: domain.accept_request(
                    fresh(join_request), by=by
                )
                for by, join_request in zip([first, second], requests, strict=True)
            ]
        )
    )

    assert len(errors) == 1
    assert "elle compte 3 membres" in errors[0]
    assert TeamMember.objects.filter(team=team).count() == 3
    assert sorted(JoinRequest.objects.values_list("status", flat=True)) == [
        JoinRequest.Status.ACCEPTED,
        JoinRequest.Status.PENDING,
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_database")
def test_two_teams_accepting_the_same_person_at_once_get_them_once():
    event = HackathonFactory(summit=SummitFactory())
    HackathonSettingsFactory(event=event, team_size_limit=3)
    first, second, newcomer = registered_people(event, 3)
    teams = [TeamFactory(event=event, members=[first]), TeamFactory(event=event, members=[second])]
    requests = [JoinRequestFactory(team=team, user=newcomer) for team in teams]

    errors = errors_of(
        run_at_once(
            [
                lambda by=by, join_request=join_request: domain.accept_request(
                    fresh(join_request), by=by
                )
                for by, join_request in zip([first, second], requests, strict=True)
            ]
        )
    )

    assert len(errors) == 1
    assert "a rejoint une autre équipe entre-temps" in errors[0]
    assert TeamMember.objects.filter(user=newcomer).count() == 1
