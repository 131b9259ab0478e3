"""Organisers add, change and delete the programme's days."""

import datetime as dt

import pytest

from cosummit.programme.models import Day
from tests.programme.builder_helpers import (
    organiser_client_fixture,  # noqa: F401
    page,
    shown_messages,
)
from tests.programme.factories import DayFactory
from tests.proposals.factories import TrackFactory
from tests.summits.factories_extra import translated

pytestmark = pytest.mark.django_db


def day_data(summit, **overrides) -> dict:
    data = {
        "date": summit.start_date.isoformat(),
        **translated("name", fr="Journée de la société civile", en="CSO Day"),
        "starts": "09:00",
        "ends": "18:00",
        "slot_minutes": "60",
    }
    data.update(overrides)
    return data


def test_an_organiser_adds_a_day_reserved_to_a_track(organiser_client, summit):
    track = TrackFactory(summit=summit)
    response = organiser_client.post(
        page("day_create", summit), {**day_data(summit), "tracks": [track.pk]}, follow=True
    )
    day = Day.objects.get()
    assert response.redirect_chain == [(page("days", summit), 302)]
    assert shown_messages(response) == ["The day “CSO Day” was added."]
    assert (
        day.summit,
        day.date,
        day.name,
        day.starts,
        day.ends,
        day.slot_minutes,
        list(day.tracks.all()),
    ) == (
        summit,
        summit.start_date,
        {"fr": "Journée de la société civile", "en": "CSO Day"},
        dt.time(9),
        dt.time(18),
        60,
        [track],
    )


def test_the_days_list_shows_each_day_and_its_tracks(organiser_client, summit):
    track = TrackFactory(summit=summit, name={"en": "Open contracting", "fr": "Open contracting"})
    day = DayFactory(summit=summit, name={"en": "Hack day", "fr": "Jour du hack"})
    day.tracks.set([track])
    content = organiser_client.get(page("days", summit)).content.decode()
    assert content.count("Hack day") == 1
    assert content.count("Open contracting") == 1
    assert content.count("09:00–18:00") == 1


def test_an_organiser_changes_a_day(organiser_client, summit):
    day = DayFactory(summit=summit)
    track = TrackFactory(summit=summit)
    response = organiser_client.post(
        page("day_edit", summit, day=day.pk),
        day_data(summit, ends="17:00", slot_minutes="45", tracks=[track.pk]),
    )
    day.refresh_from_db()
    assert response.status_code == 302
    assert (day.ends, day.slot_minutes, list(day.tracks.all())) == (dt.time(17), 45, [track])


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"ends": "08:00"}, "ends", "The day must end after it starts."),
        ({"ends": "09:00"}, "ends", "The day must end after it starts."),
        ({"slot_minutes": "2"}, "slot_minutes", "Slots last at least 5 minutes."),
        (
            {"slot_minutes": "5000"},
            "slot_minutes",
            "Ensure this value is less than or equal to 1440.",
        ),
        ({"slot_minutes": "lots"}, "slot_minutes", "Enter a whole number."),
        ({"date": ""}, "date", "This field is required."),
        ({"date": "2026-02-30"}, "date", "Enter a valid date."),
        ({"starts": "25:00"}, "starts", "Enter a valid time."),
    ],
)
def test_bad_input_adds_no_day(organiser_client, summit, change, field, error):
    response = organiser_client.post(page("day_create", summit), day_data(summit, **change))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert Day.objects.count() == 0


def test_two_days_on_one_date_are_refused(organiser_client, summit):
    DayFactory(summit=summit)
    response = organiser_client.post(page("day_create", summit), day_data(summit))
    assert response.context["form"].errors["date"] == [
        "The programme already has a day on this date."
    ]
    assert Day.objects.count() == 1


def test_a_track_of_another_summit_cannot_be_reserved(organiser_client, summit):
    foreign = TrackFactory()
    response = organiser_client.post(
        page("day_create", summit), {**day_data(summit), "tracks": [foreign.pk]}
    )
    assert response.context["form"].errors["tracks"] == [
        f"Select a valid choice. {foreign.pk} is not one of the available choices."
    ]
    assert Day.objects.count() == 0


def test_an_organiser_deletes_a_day(organiser_client, summit):
    day = DayFactory(summit=summit)
    confirm = organiser_client.get(page("day_delete", summit, day=day.pk))
    assert "Sessions placed on this day stay where they are" in confirm.content.decode()
    response = organiser_client.post(page("day_delete", summit, day=day.pk), follow=True)
    assert shown_messages(response) == [f"The day “{day.date.isoformat()}” was deleted."]
    assert Day.objects.count() == 0


def test_a_day_of_another_summit_is_404(organiser_client, summit):
    other = DayFactory()
    assert organiser_client.get(page("day_edit", summit, day=other.pk)).status_code == 404
    assert organiser_client.post(page("day_delete", summit, day=other.pk)).status_code == 404
    assert Day.objects.count() == 1


def test_the_grid_first_day_sends_to_the_first_day_or_to_the_days(organiser_client, summit):
    response = organiser_client.get(page("grid_first_day", summit), follow=True)
    assert response.redirect_chain == [(page("days", summit), 302)]
    assert shown_messages(response) == [
        "Add the programme's days first: the grid is drawn per day."
    ]
    DayFactory(summit=summit)
    response = organiser_client.get(page("grid_first_day", summit))
    assert response["Location"] == page("grid", summit, day=summit.start_date.isoformat())


@pytest.mark.parametrize("count", [1, 3])
def test_the_days_list_runs_the_same_queries_for_1_and_3_days(
    organiser_client, summit, django_assert_num_queries, count
):
    track = TrackFactory(summit=summit)
    for number in range(count):
        DayFactory(summit=summit, date=summit.start_date + dt.timedelta(days=number)).tracks.set(
            [track]
        )
    with django_assert_num_queries(6):
        response = organiser_client.get(page("days", summit))
    assert len(response.context["days"]) == count
