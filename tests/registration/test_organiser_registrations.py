"""An event's registrations page: search, filters, counts, the chart, pages and actions."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.registration.models import Registration, Status
from tests.factories import EventFactory, SummitFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory

from .organiser_helpers import organiser_of, registration_rows, shown_messages

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
LIST = "/en/organise/ogp/registrations/launch/"


@pytest.fixture
def event():
    event = EventFactory(summit=SummitFactory(slug="ogp"), slug="launch", title={"en": "Launch"})
    RegistrationSetupFactory(event=event, capacity=10)
    return event


@pytest.fixture
def logged_in(client, event):
    client.force_login(organiser_of(event.summit))
    return client


def names(response) -> list[str]:
    return [registration.name for registration in response.context["page"].object_list]


def registered_on(event, day: dt.date, hour: int = 12, **fields) -> Registration:
    registration = RegistrationFactory(event=event, **fields)
    at = dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)
    Registration.objects.filter(pk=registration.pk).update(created_at=at)
    return registration


@pytest.fixture
def people(event):
    RegistrationFactory(
        event=event, name="Ada Lovelace", email="ada@example.org", organisation="Analytical"
    )
    RegistrationFactory(
        event=event,
        name="Grace Hopper",
        organisation="Navy",
        organisation_type="government",
        status=Status.WAITING,
    )
    RegistrationFactory(event=event, name="Alan Turing", status=Status.CANCELLED)
    RegistrationFactory(event=EventFactory(), name="Elsewhere")


def test_the_page_lists_the_events_registrations_in_order(logged_in, people):
    response = logged_in.get(LIST)

    assert names(response) == ["Ada Lovelace", "Grace Hopper", "Alan Turing"]
    assert "3 registrations match." in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "lovelace"}, ["Ada Lovelace"]),
        ({"q": "ADA@example"}, ["Ada Lovelace"]),
        ({"q": "navy"}, ["Grace Hopper"]),
        ({"status": "waiting"}, ["Grace Hopper"]),
        ({"category": "civil_society"}, ["Ada Lovelace", "Alan Turing"]),
        ({"category": "civil_society", "status": "cancelled"}, ["Alan Turing"]),
        ({"q": "nobody"}, []),
    ],
)
def test_search_and_filters_narrow_the_list(logged_in, people, query, expected):
    response = logged_in.get(LIST, query)

    assert names(response) == expected


def test_a_registration_is_found_by_its_code_typed_loosely(logged_in, event):
    registration = RegistrationFactory(event=event, code="ABCD2345", name="Ada")
    RegistrationFactory(event=event, name="Someone else")

    response = logged_in.get(LIST, {"q": " abcd-2345 "})

    assert names(response) == [registration.name]


@pytest.mark.parametrize(
    "query", [{"status": "lost"}, {"category": "aliens"}, {"q": "x" * 500}, {"page": "many"}]
)
def test_bad_filters_show_everything_without_failing(logged_in, people, query):
    response = logged_in.get(LIST, query)

    assert response.status_code == 200
    assert names(response) == ["Ada Lovelace", "Grace Hopper", "Alan Turing"]


def test_counts_by_status_and_category_cover_the_whole_event(logged_in, people):
    response = logged_in.get(LIST, {"status": "waiting"})

    statuses = {status: count for status, _label, count in response.context["counts_by_status"]}
    categories = {
        category: count for category, _label, count in response.context["counts_by_category"]
    }
    assert statuses == {
        "held": 0,
        "awaiting_approval": 0,
        "confirmed": 1,
        "waiting": 1,
        "offered": 0,
        "cancelled": 1,
        "expired": 0,
        "rejected": 0,
    }
    assert categories == {"government": 1, "civil_society": 2, "other": 0}
    assert response.context["total"] == 3


def test_registrations_per_day_count_days_in_the_events_time_zone(logged_in, event):
    day = dt.date(2016, 4, 20)
    registered_on(event, day, hour=0)  # 22:00 UTC the day before.
    registered_on(event, day, hour=23)
    registered_on(event, day + dt.timedelta(days=3))

    response = logged_in.get(LIST)

    assert response.context["per_day"] == [
        (dt.date(2016, 4, 20), 2),
        (dt.date(2016, 4, 21), 0),
        (dt.date(2016, 4, 22), 0),
        (dt.date(2016, 4, 23), 1),
    ]


def test_the_chart_is_an_accessible_svg_with_a_table_of_its_figures(logged_in, event):
    registered_on(event, dt.date(2016, 4, 20))
    registered_on(event, dt.date(2016, 4, 20))
    registered_on(event, dt.date(2016, 4, 21))

    response = logged_in.get(LIST)

    svg = re.search(r"<svg.*?</svg>", response.text, flags=re.S).group()
    assert 'role="img" aria-labelledby="per-day-title"' in svg
    assert '<title id="per-day-title">3 registrations from 04/20/2016 to 04/21/2016, by day.' in svg
    heights = [float(height) for height in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[0] == 2 * heights[1] > 0
    assert "<title>04/20/2016: 2 registrations</title>" in svg
    assert "style=" not in svg
    assert "<td>April 20, 2016</td><td>2</td>" in response.text


def test_the_chart_keeps_dots_in_numbers_in_french(client, event):
    client.force_login(organiser_of(event.summit))
    for day in range(7):
        registered_on(event, dt.date(2016, 4, 20) + dt.timedelta(days=day))

    response = client.get(LIST.replace("/en/", "/fr/"))

    svg = re.search(r"<svg.*?</svg>", response.text, flags=re.S).group()
    assert re.findall(r'<rect class="bar-chart__bar" x="([^"]+)"', svg)[1] == "138.14"


def test_no_chart_without_registrations(logged_in, event):
    response = logged_in.get(LIST)

    assert "<svg" not in response.text
    assert "0 registrations match." in response.text


def test_the_list_is_paginated_keeping_the_filters(logged_in, event):
    RegistrationFactory.create_batch(51, event=event, status=Status.WAITING)
    RegistrationFactory(event=event, status=Status.CONFIRMED)

    first = logged_in.get(LIST, {"status": "waiting"})
    second = logged_in.get(LIST, {"status": "waiting", "page": "2"})

    assert (len(names(first)), len(names(second))) == (50, 1)
    assert '<a href="?status=waiting&amp;page=2">Next</a>' in first.text
    assert "Page 2 of 2" in second.text


def test_the_list_makes_a_constant_number_of_queries(logged_in, event, django_assert_num_queries):
    RegistrationFactory(event=event, checked_in_at=timezone.now())
    # Session, user, roles, the event with its setup, counts, per day, page count, page.
    with django_assert_num_queries(8):
        response = logged_in.get(LIST)
    assert len(names(response)) == 1
    RegistrationFactory.create_batch(2, event=event, checked_in_at=timezone.now())
    with django_assert_num_queries(8):
        response = logged_in.get(LIST)
    assert len(names(response)) == 3


def row_action(response, registration) -> list[str]:
    """The labels of the buttons in a registration's row."""
    row = re.search(
        rf"<tr>(?:(?!</tr>).)*?<code>{registration.code}</code>.*?</tr>", response.text, flags=re.S
    ).group()
    return [
        re.sub(r"<span.*?</span>", "", label).strip()
        for label in re.findall(r'<button type="submit" class="link-button">(.*?)</button>', row)
    ]


def test_rows_offer_the_actions_their_status_allows(logged_in, event):
    awaiting = RegistrationFactory(event=event, status=Status.AWAITING_APPROVAL)
    confirmed = RegistrationFactory(event=event)
    cancelled = RegistrationFactory(event=event, status=Status.CANCELLED)

    response = logged_in.get(LIST)

    assert row_action(response, awaiting) == ["Approve", "Reject", "Cancel"]
    assert row_action(response, confirmed) == ["Cancel"]
    assert row_action(response, cancelled) == []


def test_approving_confirms_and_sends_the_ticket(logged_in, event):
    registration = RegistrationFactory(
        event=event, status=Status.AWAITING_APPROVAL, email="ada@example.org", name="Ada"
    )

    response = logged_in.post(
        f"{LIST}{registration.pk}/approve/", {"status": "awaiting_approval"}, follow=True
    )

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    assert response.redirect_chain == [(f"{LIST}?status=awaiting_approval", 302)]
    assert shown_messages(response) == [
        "The registration of Ada is approved; their ticket is on its way."
    ]


def test_rejecting_frees_the_seat(logged_in, event):
    registration = RegistrationFactory(event=event, status=Status.AWAITING_APPROVAL, name="Ada")

    response = logged_in.post(f"{LIST}{registration.pk}/reject/", follow=True)

    registration.refresh_from_db()
    assert registration.status == Status.REJECTED
    assert shown_messages(response) == [
        "The registration of Ada is rejected; they were told by e-mail."
    ]


def test_cancelling_offers_the_seat_to_the_first_person_waiting(logged_in, event):
    event.registration_setup.capacity = 1
    event.registration_setup.save(update_fields=["capacity"])
    registration = RegistrationFactory(event=event, name="Ada")
    waiting = RegistrationFactory(event=event, status=Status.WAITING)

    logged_in.post(f"{LIST}{registration.pk}/cancel/")

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.status, waiting.status) == (Status.CANCELLED, Status.OFFERED)


def test_an_action_the_status_does_not_allow_is_refused_and_changes_nothing(logged_in, event):
    registration = RegistrationFactory(event=event, status=Status.CONFIRMED)
    before = registration_rows()

    response = logged_in.post(f"{LIST}{registration.pk}/approve/", follow=True)

    assert registration_rows() == before
    assert len(shown_messages(response)) == 1
    assert response.context["messages"]._loaded_messages[0].level_tag == "error"
    assert mail.outbox == []
