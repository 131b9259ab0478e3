"""Django admin pages of the summits app, for the platform's staff."""

import pytest

from cosummit.accounts.models import User
from cosummit.summits.models import Summit
from tests.factories import (
    BlockFactory,
    EventFactory,
    PageFactory,
    RoomFactory,
    TeamMembershipFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin@example.org", "a long passphrase"))
    return client


@pytest.fixture
def rows(summit):
    venue = VenueFactory(summit=summit, name={"en": "Palais d'Iéna"})
    return {
        "summit": summit,
        "venue": venue,
        "room": RoomFactory(venue=venue, name={"en": "Hemicycle"}),
        "event": EventFactory(summit=summit, title={"en": "Launch"}),
        "page": PageFactory(summit=summit, title={"en": "Getting there"}),
        "teammembership": TeamMembershipFactory(summit=summit, user__name="Camille Martin"),
        "block": BlockFactory(summit=summit, user__name="Sam Spammer"),
    }


@pytest.mark.parametrize(
    ("model", "shown"),
    [
        ("summit", "Summit"),
        ("venue", "Palais d&#x27;Iéna"),
        ("room", "Hemicycle"),
        ("event", "Launch"),
        ("page", "Getting there"),
        ("teammembership", "Camille Martin"),
        ("block", "Sam Spammer"),
    ],
)
def test_each_list_and_change_page_shows_the_row(admin_client, rows, model, shown):
    listing = admin_client.get(f"/admin/summits/{model}/")
    change = admin_client.get(f"/admin/summits/{model}/{rows[model].pk}/change/")
    assert (listing.status_code, change.status_code) == (200, 200)
    assert shown in listing.text


def test_the_summit_change_page_offers_only_its_own_venues_as_main_venue(admin_client, rows):
    VenueFactory(name={"en": "Another summit's venue"})
    response = admin_client.get(f"/admin/summits/summit/{rows['summit'].pk}/change/")
    assert list(response.context["adminform"].form.fields["venue"].queryset) == [rows["venue"]]
    assert Summit.objects.count() == 2
