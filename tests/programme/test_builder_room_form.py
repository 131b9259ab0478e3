"""The room form gives what the builder checks: equipment, step-free access, booths, position."""

import pytest

from cosummit.summits.models import Room
from tests.factories import RoomFactory, VenueFactory
from tests.programme.builder_helpers import (
    organiser_client_fixture,  # noqa: F401
)
from tests.summits.factories_extra import room_data

pytestmark = pytest.mark.django_db


def test_an_organiser_adds_a_room_with_its_equipment_and_booths(organiser_client, summit):
    venue = VenueFactory(summit=summit)
    organiser_client.post(
        f"/en/organise/{summit.slug}/rooms/new/",
        room_data(
            venue,
            equipment=["projector", "streaming"],
            is_step_free="on",
            interpretation_booths="FR, en",
            position="3",
        ),
    )
    room = Room.objects.get()
    assert (room.equipment, room.is_step_free, room.interpretation_booths, room.position) == (
        ["projector", "streaming"],
        True,
        ["fr", "en"],
        3,
    )


def test_an_organiser_changes_a_rooms_features(organiser_client, summit):
    room = RoomFactory(
        venue=VenueFactory(summit=summit), equipment=["projector"], is_step_free=True
    )
    organiser_client.post(
        f"/en/organise/{summit.slug}/rooms/{room.pk}/",
        room_data(room.venue, equipment=["whiteboard"], interpretation_booths="es"),
    )
    room.refresh_from_db()
    assert (room.equipment, room.is_step_free, room.interpretation_booths, room.position) == (
        ["whiteboard"],
        False,
        ["es"],
        0,
    )


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        (
            {"equipment": ["teleporter"]},
            "equipment",
            "Select a valid choice. teleporter is not one of the available choices.",
        ),
        (
            {"interpretation_booths": "fr, 42"},
            "interpretation_booths",
            "“42” is not a language code. Write codes such as fr, en, es.",
        ),
        ({"position": "-1"}, "position", "Ensure this value is greater than or equal to 0."),
        ({"position": "first"}, "position", "Enter a whole number."),
    ],
)
def test_bad_room_features_are_refused(organiser_client, summit, change, field, error):
    venue = VenueFactory(summit=summit)
    response = organiser_client.post(
        f"/en/organise/{summit.slug}/rooms/new/", room_data(venue, **change)
    )
    assert response.context["form"].errors[field] == [error]
    assert Room.objects.count() == 0
