import pytest

from tests.proposals.factories import CallFactory, SessionFormatFactory, TrackFactory


@pytest.fixture
def call(summit):
    """The open call of the `summit` fixture: opened yesterday, closes in 30 days."""
    return CallFactory(summit=summit)


@pytest.fixture
def workshop(call):
    """A workshop format of the call, 30 to 80 minutes, without its own deadline."""
    return SessionFormatFactory(call=call, min_minutes=30, max_minutes=80)


@pytest.fixture
def track(summit):
    return TrackFactory(summit=summit)
