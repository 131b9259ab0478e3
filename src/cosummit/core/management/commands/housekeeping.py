"""`cosummit housekeeping`: one pass of the periodic work, for cron or by hand."""

from django.core.management.base import BaseCommand

from cosummit.core.housekeeping import run_housekeeping


class Command(BaseCommand):
    help = "Retry due mail, release expired seat holds, erase expired personal data; once."

    def handle(self, *args, **options) -> None:
        results = run_housekeeping()
        for name, count in results.items():
            self.stdout.write(f"{name}: {'failed' if count is None else count}")
        if None in results.values():
            # A failed step makes cron report the run; its traceback is in the log.
            raise SystemExit(1)
