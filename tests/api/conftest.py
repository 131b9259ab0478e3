import pytest
from django.test import Client

from cosummit.api.domain import create_api_token
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory


@pytest.fixture
def organiser_token(organiser):
    """The raw secret of a token belonging to the organiser of the `summit` fixture."""
    _token, raw = create_api_token(organiser, name="Agenda export")
    return raw


@pytest.fixture
def other_team_member(db):
    """Someone who organises another summit, and nothing in `summit`."""
    return TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user


@pytest.fixture
def other_token(other_team_member):
    _token, raw = create_api_token(other_team_member, name="Someone else's script")
    return raw


@pytest.fixture
def client(db):
    """A client that asks for English, the language of the messages asserted here."""
    return Client(headers={"accept-language": "en"})
