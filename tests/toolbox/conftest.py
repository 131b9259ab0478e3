import pytest
from django.test import Client

from cosummit.summits.models import Role
from cosummit.toolbox.models import CardKind
from tests.factories import BlockFactory, TeamMembershipFactory, UserFactory
from tests.toolbox.factories import CardFactory


@pytest.fixture
def client(db):
    """A client that asks for English, the language of the messages asserted here."""
    return Client(headers={"accept-language": "en"})


def logged_in(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def moderator(summit):
    return TeamMembershipFactory(summit=summit, role=Role.MODERATOR).user


@pytest.fixture
def unverified(db):
    return UserFactory(verified=False)


@pytest.fixture
def blocked(summit):
    return BlockFactory(summit=summit).user


@pytest.fixture
def creator(db):
    return UserFactory()


@pytest.fixture
def tool(summit, creator):
    return CardFactory(
        summit=summit,
        created_by=creator,
        slug="consultation-tool",
        title={"fr": "Outil de consultation", "en": "Consultation tool"},
    )


@pytest.fixture
def organisation(summit, creator):
    return CardFactory(
        summit=summit,
        created_by=creator,
        kind=CardKind.ORGANISATION,
        slug="civic-collective",
        title={"fr": "Collectif civique", "en": "Civic collective"},
        description={},
    )


@pytest.fixture
def use_case(summit, creator):
    return CardFactory(
        summit=summit,
        created_by=creator,
        kind=CardKind.USE_CASE,
        slug="city-vote",
        title={"fr": "Vote municipal", "en": "City vote"},
    )
