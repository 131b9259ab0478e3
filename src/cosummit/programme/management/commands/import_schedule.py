"""python -m cosummit import-schedule <summit> <file> [--format frab|c3voc]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cosummit.programme.imports import import_schedule
from cosummit.programme.interchange import ScheduleFormatError, read_schedule
from cosummit.summits.models import Summit


class Command(BaseCommand):
    help = (
        "Import a frab schedule.xml or a c3voc schedule.json into a summit's working agenda. "
        "Events are matched by guid: importing the same file again updates the sessions."
    )

    def add_arguments(self, parser):
        parser.add_argument("summit", help="The summit's short name in addresses.")
        parser.add_argument("file", type=Path, help="The schedule file to read.")
        parser.add_argument(
            "--format",
            choices=["frab", "c3voc"],
            help="frab (XML) or c3voc (JSON); guessed from the file when not given.",
        )

    def handle(self, *args, summit, file, format, **options):
        found = Summit.objects.filter(slug=summit).first()
        if found is None:
            raise CommandError(_("There is no summit “%(slug)s”.") % {"slug": summit})
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("The file %(file)s cannot be read: %(error)s.")
                % {"file": file, "error": error.strerror or error}
            ) from error
        try:
            schedule = read_schedule(data, format=format)
        except ScheduleFormatError as error:
            raise CommandError(str(error)) from error
        if not schedule.events:
            raise CommandError(
                _("The file holds no event that could be read; nothing was imported.")
            )
        result = import_schedule(found, schedule)
        for problem in result.problems:
            self.stderr.write(self.style.WARNING(problem))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(events)d events into “%(summit)s”: %(created)d sessions created, "
                    "%(updated)d updated; %(rooms)d rooms, %(days)d days, %(tracks)d tracks and "
                    "%(speakers)d speakers created."
                )
                % {
                    "events": len(schedule.events),
                    "summit": found.name,
                    "created": result.sessions_created,
                    "updated": result.sessions_updated,
                    "rooms": result.rooms_created,
                    "days": result.days_created,
                    "tracks": result.tracks_created,
                    "speakers": result.speakers_created,
                }
            )
        )
