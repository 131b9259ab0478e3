"""python -m cosummit export-schedule <summit> --format frab|c3voc|ics|csv [--output F]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from cosummit.programme import exports, interchange, queries
from cosummit.programme.ical import calendar_for_slots
from cosummit.summits.models import Summit


class Command(BaseCommand):
    help = (
        "Write a summit's latest programme release as frab XML, c3voc JSON, iCalendar or CSV, "
        "to a file or to the standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("summit", help="The summit's short name in addresses.")
        parser.add_argument("--format", choices=["frab", "c3voc", "ics", "csv"], required=True)
        parser.add_argument(
            "--output", type=Path, help="The file to write; standard output if not given."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of room, track and format names and of the addresses.",
        )
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="The site's address, for links to session pages (default: SITE_URL).",
        )

    def handle(self, *args, summit, format, output, language, base_url, **options):
        found = Summit.objects.filter(slug=summit).first()
        if found is None:
            raise CommandError(_("There is no summit “%(slug)s”.") % {"slug": summit})
        release = queries.latest_release(found)
        if release is None:
            raise CommandError(
                _("“%(summit)s” has no programme release yet; release it before exporting.")
                % {"summit": found.name}
            )
        base_url = base_url.rstrip("/")
        with translation.override(language):
            slots = exports.export_slots(release)
            if format == "ics":
                body = calendar_for_slots(found, slots, base_url=base_url, name=str(found.name))
            elif format == "csv":
                body = exports.programme_csv(found, slots, base_url=base_url).encode()
            else:
                schedule = exports.schedule_for_release(
                    found,
                    release,
                    exports.export_slots(release, with_places=False),
                    base_url=base_url,
                )
                writer = (
                    interchange.write_frab_xml if format == "frab" else interchange.write_c3voc_json
                )
                body = writer(schedule)
        if output is None:
            self.stdout.write(body.decode(), ending="")
            return
        try:
            output.write_bytes(body)
        except OSError as error:
            raise CommandError(
                _("The file %(file)s cannot be written: %(error)s.")
                % {"file": output, "error": error.strerror or error}
            ) from error
        self.stderr.write(
            _("Wrote release v%(version)d of “%(summit)s” to %(file)s.")
            % {"version": release.version, "summit": found.name, "file": output}
        )
