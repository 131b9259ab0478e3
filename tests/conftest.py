import sqlite3

import pytest
from django.db import connection, connections
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


@pytest.fixture
def shared_database(tmp_path):
    """Give threads (tests/threads.py) a database they can all open.

    PostgreSQL's test database is already one. SQLite's is in memory and
    private to a process's connections in shared-cache mode, which locks
    tables instead of waiting: it is copied to a WAL file for the test, as the
    site runs on, and every connection, the test's own included, uses the copy.
    Tests that use it need `django_db(transaction=True)`.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    in_memory_settings = connections.settings["default"]
    in_memory_connection = connections["default"]
    connections.settings["default"] = {**in_memory_settings, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = in_memory_settings
        connections["default"] = in_memory_connection
