import pytest

pytest_plugins = ["tests.factories"]


@pytest.fixture(autouse=True)
def _run_tasks_immediately(settings):
    """Tasks run inside the request that enqueues them, so tests see their effects."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
