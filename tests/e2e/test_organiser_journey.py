"""An organiser adds an event in both languages, publishes it, and visitors find it."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cosummit.summits.models import Event

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"  # The password tests/factories.py gives every user.


def test_organiser_adds_and_publishes_an_event_that_an_anonymous_visitor_then_finds(
    new_context, live_server, summit_site
):
    day = timezone.localdate() + dt.timedelta(days=20)
    organiser_page = new_context().new_page()

    organiser_page.goto("/en/accounts/login/")
    organiser_page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(
        summit_site.organiser.email
    )
    organiser_page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    organiser_page.get_by_role("main").get_by_role("button", name="Log in").click()
    organiser_page.wait_for_url(f"{live_server.url}/en/profile/")

    organiser_page.get_by_role("banner").get_by_role("link", name="Organise").click()
    organiser_page.get_by_role("link", name="Open Government Summit").click()
    expect(organiser_page).to_have_url(f"{live_server.url}/en/organise/ogp-paris/")
    organiser_page.get_by_role("main").get_by_role("link", name="Add an event").click()
    expect(organiser_page).to_have_url(f"{live_server.url}/en/organise/ogp-paris/events/new/")

    form = organiser_page.get_by_role("main").locator("form")
    form.get_by_label(re.compile(r"^Kind")).select_option(label="CSO Day")
    title = form.get_by_role("group", name=re.compile(r"^Title"))
    title.get_by_label("French").fill("Journée de la société civile")
    title.get_by_label("English").fill("Civil society day")
    summary = form.get_by_role("group", name=re.compile(r"^Summary"))
    summary.get_by_label("French").fill("Les organisations préparent le sommet.")
    summary.get_by_label("English").fill("Organisations prepare the summit.")
    form.get_by_label(re.compile(r"^Starts at")).fill(f"{day.isoformat()}T09:30")
    form.get_by_label(re.compile(r"^Ends at")).fill(f"{day.isoformat()}T17:00")
    form.get_by_label(re.compile(r"^Venue")).select_option(label="Palais d'Iéna")
    form.get_by_label(re.compile(r"^Published")).uncheck()
    form.get_by_role("button", name="Add the event").click()
    organiser_page.wait_for_url(f"{live_server.url}/en/organise/ogp-paris/events/")

    event = Event.objects.get(summit=summit_site.summit, title__en="Civil society day")
    paris_time = timezone.localtime(event.starts_at, summit_site.summit.tz)
    assert (event.kind, event.slug, event.is_published) == ("cso_day", "civil-society-day", False)
    assert (paris_time.date(), paris_time.hour, paris_time.minute) == (day, 9, 30)
    assert event.title == {"fr": "Journée de la société civile", "en": "Civil society day"}
    assert event.venue == summit_site.venue

    visitor_page = new_context().new_page()
    response = visitor_page.goto("/en/ogp-paris/events/civil-society-day/")
    assert response.status == 404

    organiser_page.get_by_role("button", name="Publish “Civil society day”").click()
    expect(
        organiser_page.get_by_role("button", name="Unpublish “Civil society day”")
    ).to_be_visible()
    event.refresh_from_db()
    assert event.is_published is True

    visitor_page.goto("/en/ogp-paris/events/?kind=cso_day")
    expect(visitor_page.locator(".event-card").get_by_role("heading")).to_have_text(
        ["Civil society day"]
    )
    visitor_page.get_by_role("link", name="Civil society day").click()
    expect(visitor_page).to_have_url(f"{live_server.url}/en/ogp-paris/events/civil-society-day/")
    expect(visitor_page.get_by_role("heading", level=1)).to_have_text("Civil society day")
    expect(visitor_page.locator(".lead")).to_have_text("Organisations prepare the summit.")
    expect(visitor_page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()

    visitor_page.goto("/fr/ogp-paris/events/civil-society-day/")
    expect(visitor_page.get_by_role("heading", level=1)).to_have_text(
        "Journée de la société civile"
    )
