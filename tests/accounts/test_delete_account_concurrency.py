import threading

import pytest
from django.db import connection

from cosummit.accounts.domain import LastOrganiserError, delete_account
from cosummit.summits.domain import LastOrganiserError as SummitLastOrganiserError
from cosummit.summits.domain import remove_team_role
from cosummit.summits.models import Role, TeamMembership
from tests.factories import SummitFactory, TeamMembershipFactory


@pytest.mark.django_db(transaction=True)
def test_two_organisers_leaving_at_once_leave_one_of_them_in_charge():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("Threads need a database they can share: run with DATABASE_URL.")
    summit = SummitFactory()
    organisers = [TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user for _ in range(2)]
    start = threading.Barrier(len(organisers))
    outcomes = []

    def leave(user):
        from django.db import connection as thread_connection

        try:
            start.wait()
            delete_account(user)
            outcomes.append("deleted")
        except LastOrganiserError:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=leave, args=(user,)) for user in organisers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["deleted", "refused"]
    assert TeamMembership.objects.filter(summit=summit, role=Role.ORGANISER).count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_organiser_leaving_while_their_co_organiser_is_removed_leaves_one_in_charge():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("Threads need a database they can share: run with DATABASE_URL.")
    summit = SummitFactory()
    removed, leaving = (TeamMembershipFactory(summit=summit, role=Role.ORGANISER) for _ in range(2))
    start = threading.Barrier(2)
    outcomes = []

    def run(action):
        from django.db import connection as thread_connection

        try:
            start.wait()
            action()
            outcomes.append("done")
        except (LastOrganiserError, SummitLastOrganiserError):
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=run, args=(lambda: delete_account(leaving.user),)),
        threading.Thread(target=run, args=(lambda: remove_team_role(removed, by=leaving.user),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["done", "refused"]
    assert TeamMembership.objects.filter(summit=summit, role=Role.ORGANISER).count() == 1
