import pytest

from tests.registration.factories import RegistrationSetupFactory


@pytest.fixture
def open_setup(db):
    """The registration setup of a published event: enabled, open, 10 seats."""
    return RegistrationSetupFactory(capacity=10)


@pytest.fixture
def open_event(open_setup):
    """A published event whose registration is enabled and open, for 10 people."""
    return open_setup.event
