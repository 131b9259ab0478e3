"""`cosummit worker`: the task worker (django-tasks-db), plus periodic housekeeping.

The worker runs queued tasks (mail delivery first of all); a thread of the same
process runs `cosummit.core.housekeeping.run_housekeeping` at start and then every
HOUSEKEEPING_INTERVAL seconds. Every option of `db_worker` is accepted.
"""

import os

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from cosummit.core.housekeeping import HousekeepingThread


class Command(DatabaseWorkerCommand):
    help = "Run the task worker, which delivers mail, and the periodic housekeeping."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-housekeeping",
            action="store_false",
            dest="housekeeping",
            help="Run tasks only; another worker or cron runs the housekeeping.",
        )

    def handle(self, *args, housekeeping: bool = True, **options) -> None:
        # With --reload the first process only watches files and restarts a
        # child that does the work; the housekeeping runs in the child only.
        watcher = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if housekeeping and not watcher and not options.get("batch"):
            HousekeepingThread(interval=settings.HOUSEKEEPING_INTERVAL).start()
        super().handle(*args, **options)
