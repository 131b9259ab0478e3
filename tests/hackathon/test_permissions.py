"""Who may do what at a hackathon: one row per action, one column per kind of person.

Anonymous visitors are sent to log in (302) where an account is needed; a
person who may not do something yet is told why (403: verify the address,
register) or why not now (400: already in a team); pages of others' teams,
the jury and the organisers answer 404 to those who have no business there.
"""

import pytest
from django.test import Client

from cosummit.hackathon.models import ProjectState
from tests.hackathon.conftest import base, logged_in, organise
from tests.hackathon.factories import ProjectFactory

PEOPLE = [
    "anonymous",
    "unverified",
    "unregistered",
    "registered",
    "member",
    "other_member",
    "juror",
    "organiser",
]
ACTIONS = {
    # action: expected status for each of PEOPLE, in order.
    "read the overview": (200, 200, 200, 200, 200, 200, 200, 200),
    "read the draft's page": (404, 404, 404, 404, 200, 404, 404, 200),
    "propose a challenge": (302, 403, 200, 200, 200, 200, 200, 200),
    "create a team": (302, 403, 403, 200, 400, 400, 403, 403),
    "ask to join the team": (302, 403, 403, 302, 400, 400, 403, 403),
    "edit the team": (302, 404, 404, 404, 200, 404, 404, 404),
    "edit the project": (302, 404, 404, 404, 200, 404, 404, 404),
    "see the jury's queue": (302, 404, 404, 404, 404, 404, 200, 404),
    "organise the hackathon": (302, 404, 404, 404, 404, 404, 404, 200),
}


def act(client: Client, action: str, event, team, project):
    team_url = f"{base(event)}teams/{team.pk}/"
    requests = {
        "read the overview": lambda: client.get(base(event)),
        "read the draft's page": lambda: client.get(f"{base(event)}projects/{project.pk}/"),
        "propose a challenge": lambda: client.get(f"{base(event)}challenges/propose/"),
        "create a team": lambda: client.get(f"{base(event)}teams/new/"),
        "ask to join the team": lambda: client.post(f"{team_url}join/", {"message": "Hello"}),
        "edit the team": lambda: client.get(f"{team_url}edit/"),
        "edit the project": lambda: client.get(f"{team_url}project/"),
        "see the jury's queue": lambda: client.get(f"{base(event)}jury/"),
        "organise the hackathon": lambda: client.get(organise(event)),
    }
    return requests[action]()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("person", PEOPLE)
def test_each_person_may_do_what_their_role_allows(
    request, hackathon, team, other_team, person, action
):
    project = ProjectFactory(team=team, state=ProjectState.DRAFT)
    if person == "anonymous":
        client = Client(headers={"accept-language": "en"})
    else:
        client = logged_in(request.getfixturevalue(person))

    response = act(client, action, hackathon, team, project)

    assert response.status_code == ACTIONS[action][PEOPLE.index(person)]
