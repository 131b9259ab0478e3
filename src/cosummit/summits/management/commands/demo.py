from django.conf import settings
from django.core.management.base import BaseCommand

from cosummit.summits.demo import ORGANISER_EMAIL, build_demo
from cosummit.summits.models import Summit


class Command(BaseCommand):
    help = "Build the demo summit (OGP Global Summit, Paris 2016) in French and English."

    def add_arguments(self, parser):
        parser.add_argument("--historical", action="store_true", help="Keep the real 2016 dates.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds a summit.",
        )
        parser.add_argument("--password", help="Password for new demo team members.")

    def handle(self, *args, historical, if_empty, password, **options):
        credentials = settings.VAR_DIR / "demo-credentials.txt"
        if if_empty and Summit.objects.exists():
            self.stdout.write("The database already holds a summit; the demo was not loaded.")
        else:
            result = build_demo(historical=historical, password=password)
            verb = "Created" if result.created else "Updated"
            self.stdout.write(self.style.SUCCESS(f"{verb} the demo summit “{result.summit}”."))
            if result.password:
                credentials.parent.mkdir(parents=True, exist_ok=True)
                credentials.write_text(f"{ORGANISER_EMAIL}\n{result.password}\n")
                credentials.chmod(0o600)
        if credentials.exists():
            email, secret = credentials.read_text().split()[:2]
            self.stdout.write(
                self.style.NOTICE(
                    f"Demo organiser: {email} / password: {secret} "
                    "(moderator@, reviewer@ and checkin@demo.cosummit.example share it)"
                )
            )
