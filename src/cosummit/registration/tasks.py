"""Background work for registrations: thin wrappers around `domain.py`."""

from django.tasks import task

from . import domain


@task
def release_expired_holds_task() -> int:
    return domain.release_expired_holds()


@task
def erase_expired_personal_data_task() -> int:
    return domain.erase_expired_personal_data()


def schedule_hold_expiry(registration) -> None:
    """Ask the worker to release the hold when it expires, if the task backend can wait.

    Holds are also released by the worker's periodic housekeeping and at the
    start of each registration for the event, so a backend without deferred
    tasks (the immediate one, in tests) loses nothing.
    """
    if registration.hold_expires_at is None:
        return
    if not release_expired_holds_task.get_backend().supports_defer:
        return
    release_expired_holds_task.using(run_after=registration.hold_expires_at).enqueue()
