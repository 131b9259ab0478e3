"""The `cosummit` command: Django's management commands with cosummit's settings.

python -m cosummit demo          build the demo summit
python -m cosummit worker        run the task worker (sends mail) and the housekeeping
python -m cosummit housekeeping  retry due mail and release expired holds, once
python -m cosummit migrate       and every other management command
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cosummit.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "cosummit"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
