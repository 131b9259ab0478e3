import pytest
from django.utils import translation

pytest_plugins = ["tests.factories"]


@pytest.fixture(autouse=True)
def _run_tasks_immediately(settings):
    """Tasks run inside the request that enqueues them, so tests see their effects."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with the production hasher costs ~0.3 s a password; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Each test starts in English, whatever language an earlier request left active.

    Django's locale middleware activates the request's language in the thread
    and leaves it there; without this, messages built outside a request would
    depend on which test ran before.
    """
    translation.activate("en")
    yield
    translation.deactivate()
