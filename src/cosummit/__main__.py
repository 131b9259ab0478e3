"""The `cosummit` command: Django's management commands with cosummit's settings.

python -m cosummit demo          build the demo summit
python -m cosummit worker        run the task worker (sends mail) and the housekeeping
python -m cosummit housekeeping  retry due mail and release expired holds, once
python -m cosummit schedule      run the automatic scheduler on a problem in JSON
python -m cosummit import-schedule / export-schedule   the programme in frab XML, c3voc JSON, …
python -m cosummit migrate       and every other management command
"""

import os
import sys

# Commands spelt with hyphens, as the documentation writes them, and the
# management command each one runs.
ALIASES = {"import-schedule": "import_schedule", "export-schedule": "export_schedule"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cosummit.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "cosummit"
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
