"""Browser tests: Debian's Chromium driven by Playwright against `live_server`.

The live server runs in a thread of the test process, so the test database,
the in-memory mail outbox (`django.core.mail.outbox`) and the immediate task
backend of tests/conftest.py are shared by the browser's requests and the test.
"""

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from playwright.sync_api import sync_playwright

from cosummit.summits.models import Event, Role
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, open_context
from tests.factories import (
    EventFactory,
    PageFactory,
    RoomFactory,
    SummitFactory,
    TeamMembershipFactory,
    UserFactory,
    VenueFactory,
)

# Playwright's sync API keeps an asyncio event loop running in the main thread,
# and Django refuses ORM calls from a thread with a running loop unless told
# that this is safe. It is here: the loop only works while a test waits on the
# browser, never in the middle of a query. The browser lives for the whole
# session, so the tests collected after these ones need it too.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(
            f"Browser tests need Debian's Chromium at {CHROMIUM} "
            "(apt-get install chromium, or `make system-packages`)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_locale() -> str:
    """The browser's language; override it with `@pytest.mark.parametrize("browser_locale", …)`."""
    return "en-GB"


@pytest.fixture
def new_context(browser, live_server, browser_locale) -> Iterator[Callable]:
    """Make fresh browser contexts (cookies, storage) pointed at the live server.

    Each context is closed at the end of the test.
    """
    contexts = []

    def make(*, locale: str | None = None, **options):
        context = open_context(browser, live_server, locale=locale or browser_locale, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def log_in(live_server) -> Callable:
    """Give a browser context a session for a user, without going through the log-in form."""

    def log_in(context, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return log_in


@dataclass
class SummitSite:
    """A published summit as visitors meet it, and the organiser who runs it."""

    summit: object
    venue: object
    rooms: list
    events: dict
    page: object
    organiser: object

    def url(self, name: str, language: str, **kwargs) -> str:
        with override(language):
            return reverse(name, kwargs=kwargs)


@pytest.fixture
def summit_site(transactional_db) -> SummitSite:
    summit = SummitFactory(
        name={"fr": "Sommet pour un gouvernement ouvert", "en": "Open Government Summit"},
        slug="ogp-paris",
        tagline={
            "fr": "Co-construire l'action publique avec la société civile.",
            "en": "Co-creating public action with civil society.",
        },
        description={
            "fr": "## Programme\n\nTrois jours d'ateliers et de sessions.",
            "en": "## Programme\n\nThree days of workshops and sessions.",
        },
    )
    venue = VenueFactory(
        summit=summit,
        accessibility={
            "fr": "Entrée de plain-pied, boucle magnétique.",
            "en": "Step-free entrance, hearing loop.",
        },
    )
    summit.venue = venue
    summit.save(update_fields=["venue"])
    rooms = [RoomFactory(venue=venue), RoomFactory(venue=venue)]
    in_ten_days = (timezone.now() + dt.timedelta(days=10)).replace(
        minute=0, second=0, microsecond=0
    )
    events = {
        "launch": EventFactory(
            summit=summit,
            kind=Event.Kind.LAUNCH,
            slug="launch",
            title={"fr": "Lancement du sommet", "en": "Summit launch"},
            summary={"fr": "Présentation du sommet.", "en": "Presenting the summit."},
            description={
                "fr": "Le **lancement** réunit les partenaires.",
                "en": "The **launch** gathers the partners.",
            },
            starts_at=in_ten_days,
            ends_at=in_ten_days + dt.timedelta(hours=2),
            venue=venue,
        ),
        "workshop": EventFactory(
            summit=summit,
            kind=Event.Kind.WORKSHOP,
            slug="open-data-workshop",
            title={"fr": "Atelier données ouvertes", "en": "Open data workshop"},
            starts_at=in_ten_days + dt.timedelta(days=1),
            ends_at=in_ten_days + dt.timedelta(days=1, hours=3),
            location="Lyon",
        ),
        "hackathon": EventFactory(
            summit=summit,
            kind=Event.Kind.HACKATHON,
            slug="hackathon",
            title={"fr": "Hackathon", "en": "Hackathon"},
            starts_at=in_ten_days + dt.timedelta(days=2),
            ends_at=in_ten_days + dt.timedelta(days=3),
            online_url="https://example.org/hackathon",
        ),
        "past_conference": EventFactory(
            summit=summit,
            kind=Event.Kind.CONFERENCE,
            slug="past-conference",
            title={"fr": "Conférence passée", "en": "Past conference"},
            starts_at=in_ten_days - dt.timedelta(days=40),
            ends_at=in_ten_days - dt.timedelta(days=40, hours=-4),
        ),
    }
    page = PageFactory(summit=summit, slug="practical")
    organiser = TeamMembershipFactory(
        summit=summit,
        role=Role.ORGANISER,
        # English, so that logging in (which switches to this language) keeps the
        # journeys on the English pages whose labels the tests read.
        user=UserFactory(
            email="organiser@example.org", name="Camille Organiser", preferred_language="en"
        ),
    ).user
    return SummitSite(
        summit=summit, venue=venue, rooms=rooms, events=events, page=page, organiser=organiser
    )
