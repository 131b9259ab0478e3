"""python -m cosummit schedule --input problem.json --output solution.json --time-limit S

Reads a scheduling problem in the JSON form of docs/scheduling.md, runs the
automatic scheduler and writes the placements with the objective broken
down. Exit code 0 when a schedule is written, 1 when the input is unusable,
2 when no schedule exists (the output file is then not written).
"""

import json
import math
import sys
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cosummit.programme.scheduler import NoSchedule, ProgressReport, schedule
from cosummit.programme.scheduler_json import (
    ProblemFormatError,
    problem_from_json,
    solution_to_json,
)


class Command(BaseCommand):
    help = (
        "Place sessions in rooms and time slots: read a problem (JSON), "
        "write the placements and the objective broken down (JSON)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="The problem, as JSON; - to read stdin.")
        parser.add_argument(
            "--output", required=True, help="Where to write the solution; - for stdout."
        )
        parser.add_argument(
            "--time-limit", type=float, default=30.0, help="Seconds of search (default 30)."
        )
        parser.add_argument(
            "--fewest-changes",
            action="store_true",
            help="Stay close to the problem's 'previous' placements; without it they are ignored.",
        )
        parser.add_argument("--seed", type=int, default=0, help="Random seed of the search.")

    def handle(self, *args, **options):
        if not math.isfinite(options["time_limit"]) or options["time_limit"] <= 0:
            raise CommandError(_("The time limit must be a positive number of seconds."))
        problem = self._read(options["input"])
        if options["fewest_changes"]:
            if not problem.previous:
                raise CommandError(
                    _("--fewest-changes needs the previous placements in “previous”.")
                )
        else:
            problem = replace(problem, previous={})
        progress = self._progress if options["verbosity"] > 1 else None
        try:
            solution = schedule(
                problem,
                time_limit=options["time_limit"],
                on_progress=progress,
                seed=options["seed"],
            )
        except NoSchedule as refusal:
            raise CommandError(
                _("No schedule keeps every hard constraint (%(code)s): %(details)s")
                % {"code": refusal.code, "details": json.dumps(refusal.details, sort_keys=True)},
                returncode=2,
            ) from refusal
        except ValueError as error:
            raise CommandError(
                _("The problem is not valid: %(error)s") % {"error": error}
            ) from error
        text = json.dumps(solution_to_json(solution, problem.weights), indent=2) + "\n"
        if options["output"] == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(options["output"]).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("The file %(file)s cannot be written: %(error)s.")
                % {"file": options["output"], "error": error.strerror or error}
            ) from error
        self.stderr.write(
            _("%(status)s schedule, total %(total)s, written to %(file)s.")
            % {"status": solution.status, "total": solution.total, "file": options["output"]}
        )

    def _read(self, source: str):
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("The file %(file)s cannot be read: %(error)s.")
                % {"file": source, "error": getattr(error, "strerror", None) or error}
            ) from error
        try:
            return problem_from_json(text)
        except ProblemFormatError as error:
            raise CommandError(
                _("The problem is not valid: %(error)s") % {"error": error}
            ) from error

    def _progress(self, report: ProgressReport) -> None:
        self.stderr.write(
            _("%(seconds).1f s, %(stage)s, best total %(total)s")
            % {"seconds": report.seconds, "stage": report.stage, "total": report.best_total}
        )
