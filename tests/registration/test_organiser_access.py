"""Who reaches the registration pages: organisers everywhere, check-in staff at the door only.

Like the rest of the organiser area, anyone else gets 404, so that the pages
reveal nothing; people not logged in are sent to log in.
"""

import pytest
from django.core import mail

from tests.factories import EventFactory
from tests.registration.factories import RegistrationFactory
from tests.summits.factories_extra import LOGGED_IN_NON_ORGANISERS, make_person

from .organiser_helpers import build_registration_site, registration_rows, url

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = [
    "overview",
    "list",
    "settings",
    "questions",
    "question_create",
    "question_edit",
    "question_delete",
    "export",
    "badges",
    "add",
    "message",
]
CHECK_IN_PAGES = ["checkin_events", "checkin"]
ORGANISER_CHANGES = {
    "settings": {"hold_hours": "1", "offer_hours": "1"},
    "question_create": {"kind": "short_text", "label_en": "Taken over?"},
    "question_edit": {"kind": "short_text", "label_en": "Taken over?"},
    "question_delete": {},
    "question_move": {"direction": "up"},
    "add": {"name": "Intruder", "email": "intruder@example.org", "language": "en"},
    "message": {"subject": "Hello", "body": "Spam", "confirmed": "yes"},
    "approve": {},
    "reject": {},
    "cancel": {},
}
NON_ORGANISERS_WITHOUT_CHECK_IN = [
    kind for kind in LOGGED_IN_NON_ORGANISERS if kind != "check-in staff"
]


@pytest.fixture
def site():
    return build_registration_site()


@pytest.mark.parametrize("name", ORGANISER_PAGES + CHECK_IN_PAGES)
def test_organiser_reaches_every_registration_page(client, site, name):
    client.force_login(make_person("organiser", site.summit))

    response = client.get(url(name, site))

    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html"):
        assert response.text.count("<h1") == 1


@pytest.mark.parametrize("kind", LOGGED_IN_NON_ORGANISERS)
@pytest.mark.parametrize("name", ORGANISER_PAGES)
def test_people_who_do_not_organise_get_404_on_organiser_pages(client, site, name, kind):
    client.force_login(make_person(kind, site.summit))

    response = client.get(url(name, site))

    assert response.status_code == 404


@pytest.mark.parametrize("kind", LOGGED_IN_NON_ORGANISERS)
@pytest.mark.parametrize("name", list(ORGANISER_CHANGES))
def test_changes_sent_by_people_who_do_not_organise_change_nothing(client, site, name, kind):
    client.force_login(make_person(kind, site.summit))
    before = registration_rows()

    response = client.post(url(name, site), ORGANISER_CHANGES[name])

    assert response.status_code == 404
    assert registration_rows() == before
    assert mail.outbox == []


@pytest.mark.parametrize("name", CHECK_IN_PAGES)
def test_check_in_staff_reach_the_check_in_pages(client, site, name):
    client.force_login(make_person("check-in staff", site.summit))

    response = client.get(url(name, site))

    assert response.status_code == 200
    assert response.text.count("<h1") == 1


@pytest.mark.parametrize("kind", NON_ORGANISERS_WITHOUT_CHECK_IN)
@pytest.mark.parametrize("name", CHECK_IN_PAGES)
def test_people_without_a_check_in_role_get_404_on_check_in_pages(client, site, name, kind):
    client.force_login(make_person(kind, site.summit))

    response = client.get(url(name, site))

    assert response.status_code == 404


@pytest.mark.parametrize("kind", NON_ORGANISERS_WITHOUT_CHECK_IN)
def test_check_in_sent_by_people_without_the_role_changes_nothing(client, site, kind):
    client.force_login(make_person(kind, site.summit))

    response = client.post(url("checkin", site), {"code": site.registration.code})

    site.registration.refresh_from_db()
    assert (response.status_code, site.registration.checked_in_at) == (404, None)


@pytest.mark.parametrize("kind", ["anonymous", "inactive organiser"])
@pytest.mark.parametrize(
    "name", ORGANISER_PAGES + CHECK_IN_PAGES + ["question_move", "approve", "cancel"]
)
def test_people_not_logged_in_are_sent_to_log_in(client, site, name, kind):
    person = make_person(kind, site.summit)
    if person.is_authenticated:
        client.force_login(person)
    address = url(name, site)

    response = client.get(address)

    assert (response.status_code, response["Location"]) == (
        302,
        f"/en/accounts/login/?next={address}",
    )


def test_changes_sent_without_logging_in_change_nothing(client, site):
    before = registration_rows()

    for name, data in ORGANISER_CHANGES.items():
        response = client.post(url(name, site), data)
        assert (name, response.status_code) == (name, 302)
    response = client.post(url("checkin", site), {"code": site.registration.code})

    assert response.status_code == 302
    assert registration_rows() == before


def test_an_event_of_another_summit_is_not_found_through_this_one(client, site):
    client.force_login(make_person("organiser", site.summit))
    other = EventFactory(slug="elsewhere")

    response = client.get(url("list", site, event=other.slug))

    assert response.status_code == 404


def test_a_registration_of_another_event_is_not_found_through_this_one(client, site):
    client.force_login(make_person("organiser", site.summit))
    elsewhere = RegistrationFactory(status="awaiting_approval")

    response = client.post(url("approve", site, registration=elsewhere.pk))

    elsewhere.refresh_from_db()
    assert (response.status_code, elsewhere.status) == (404, "awaiting_approval")


def test_actions_on_registrations_only_accept_post(client, site):
    client.force_login(make_person("organiser", site.summit))

    responses = [client.get(url(name, site)).status_code for name in ("approve", "cancel")]

    assert responses == [405, 405]
