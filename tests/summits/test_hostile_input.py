"""Whatever an organiser's browser sends, a form answers with errors, never a crash."""

import pytest

from .factories_extra import address, build_site, change_request, everything, make_person

pytestmark = pytest.mark.django_db

FORMS = [
    "summit_edit",
    "summit_publication",
    "event_create",
    "event_edit",
    "event_publication",
    "venue_create",
    "venue_edit",
    "room_create",
    "room_edit",
    "page_create",
    "page_edit",
    "team",
]
HOSTILE = {
    "empty": "",
    "null character": "nul\x00",
    "huge number": "9" * 30,
    "very long text": "x" * 5000,
    "markup": "<script>alert(1)</script>",
}


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("name", FORMS)
def test_every_field_filled_with_nonsense_changes_nothing(client, name, value):
    site = build_site()
    client.force_login(make_person("organiser", site.summit))
    data = dict.fromkeys(change_request(name, site), value)
    before = everything()
    response = client.post(address(name, site), data)
    assert response.status_code in {200, 302}
    assert everything() == before


@pytest.mark.parametrize("name", FORMS)
def test_a_field_sent_twice_is_read_once_and_never_crashes(client, name):
    site = build_site()
    client.force_login(make_person("organiser", site.summit))
    data = {key: [value, value] for key, value in change_request(name, site).items()}
    response = client.post(address(name, site), data)
    assert response.status_code in {200, 302}


def test_a_room_form_opened_with_a_venue_that_is_not_a_number_still_opens(client):
    site = build_site()
    client.force_login(make_person("organiser", site.summit))
    response = client.get(address("room_create", site) + "?venue=abc")
    assert (response.status_code, response.context["form"]["venue"].value()) == (200, "abc")
