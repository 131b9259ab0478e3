import io

import pytest
from django.test import Client
from PIL import Image

from cosummit.registration.models import Status
from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory, UserFactory
from tests.hackathon.factories import (
    ChallengeFactory,
    HackathonFactory,
    HackathonSettingsFactory,
    JurorFactory,
    TeamFactory,
    register,
)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded screenshots go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def client(db):
    """A client that asks for English, the language of the messages asserted here."""
    return Client(headers={"accept-language": "en"})


def logged_in(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def png(width: int = 40, height: int = 30, image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 79, 158)).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture
def hackathon(summit):
    """A published hackathon event of `summit`, teams of at most 3, open until it ends."""
    event = HackathonFactory(summit=summit, slug="hackathon")
    HackathonSettingsFactory(event=event, team_size_limit=3)
    return event


@pytest.fixture
def challenge(hackathon):
    return ChallengeFactory(event=hackathon)


@pytest.fixture
def unverified(db):
    return UserFactory(verified=False)


@pytest.fixture
def unregistered(db):
    """A verified person without a registration for the hackathon."""
    return UserFactory()


@pytest.fixture
def registered(hackathon):
    """A verified person with a confirmed registration, in no team."""
    user = UserFactory(name="Ada Registered")
    register(user, hackathon)
    return user


@pytest.fixture
def waiting(hackathon):
    """A verified person whose registration is not confirmed: on the waiting list."""
    user = UserFactory()
    register(user, hackathon, status=Status.WAITING)
    return user


@pytest.fixture
def member(hackathon):
    """A registered person in the team `team`."""
    user = UserFactory(name="Mia Member")
    register(user, hackathon)
    return user


@pytest.fixture
def team(hackathon, member):
    return TeamFactory(event=hackathon, name="Fountain finders", members=[member])


@pytest.fixture
def other_member(hackathon):
    user = UserFactory(name="Otto Other")
    register(user, hackathon)
    return user


@pytest.fixture
def other_team(hackathon, other_member):
    return TeamFactory(event=hackathon, name="Budget lens", members=[other_member])


@pytest.fixture
def juror(hackathon):
    return JurorFactory(event=hackathon, user=UserFactory(name="Jules Juror")).user


@pytest.fixture
def organiser(summit):
    return TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user


def base(event) -> str:
    return f"/en/{event.summit.slug}/hackathon/{event.slug}/"


def organise(event) -> str:
    return f"/en/organise/{event.summit.slug}/hackathon/{event.slug}/"
