import pytest

from cosummit.api.models import ApiToken
from cosummit.summits.models import Role
from tests.api.helpers import bearer
from tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def test_me_needs_a_token(client):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="cosummit"'
    assert response.json() == {
        "detail": "This endpoint needs an API token: send it in the header "
        "“Authorization: Bearer <token>”."
    }


def test_me_describes_the_tokens_owner_their_roles_and_the_token(
    client, summit, organiser, organiser_token
):
    TeamMembershipFactory(summit=summit, user=organiser, role=Role.REVIEWER)
    token = ApiToken.objects.get(user=organiser)

    response = client.get("/api/v1/me", headers=bearer(organiser_token))

    token.refresh_from_db()
    assert response.status_code == 200
    assert response.json() == {
        "email": organiser.email,
        "name": organiser.name,
        "organisation": "Open Data Collective",
        "team_roles": [
            {"summit": summit.slug, "role": "organiser"},
            {"summit": summit.slug, "role": "reviewer"},
        ],
        "token": {
            "name": "Agenda export",
            "prefix": organiser_token[:8],
            "created_at": token.created_at.isoformat(),
            "last_used_at": token.last_used_at.isoformat(),
        },
    }
