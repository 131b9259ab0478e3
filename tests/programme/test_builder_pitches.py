"""Pitch sessions group pitches, which take the pitch session's place."""

import pytest
from django.core.exceptions import ValidationError

from cosummit.programme import builder
from cosummit.programme.models import Session, Slot
from cosummit.proposals.models import FormatKind
from tests.programme.builder_helpers import (
    at,
    day_fixture,  # noqa: F401
    local,
    organiser_client_fixture,  # noqa: F401
    page,
    room_fixture,  # noqa: F401
    shown_messages,
    venue_fixture,  # noqa: F401
)
from tests.programme.factories import SessionFactory
from tests.proposals.factories import CallFactory, SessionFormatFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pitch_format(summit):
    return SessionFormatFactory(call=CallFactory(summit=summit), kind=FormatKind.PITCH)


@pytest.fixture
def pitch_session(summit, day, room):
    return SessionFactory(
        summit=summit,
        kind="pitches",
        title="Pitches: open data",
        room=room,
        starts_at=at(summit, 9),
    )


def test_an_organiser_groups_pitches_whose_own_places_are_cleared(
    organiser_client, summit, room, pitch_format, pitch_session
):
    first = SessionFactory(
        summit=summit, format=pitch_format, title="Budget app", room=room, starts_at=at(summit, 14)
    )
    second = SessionFactory(summit=summit, format=pitch_format, title="Open permits")
    response = organiser_client.post(
        page("session_pitches", summit, session=pitch_session.pk),
        {"pitches": [first.pk, second.pk]},
        follow=True,
    )
    assert shown_messages(response) == ["The pitch session “Pitches: open data” now has 2 pitches."]
    assert set(pitch_session.pitches.all()) == {first, second}
    assert list(
        Slot.objects.filter(session__in=[first, second]).values_list("room", "starts_at")
    ) == [(None, None), (None, None)]


def test_a_pitch_taken_out_becomes_a_session_on_its_own(
    organiser_client, summit, pitch_format, pitch_session
):
    first = SessionFactory(summit=summit, format=pitch_format, pitch_session=pitch_session)
    second = SessionFactory(summit=summit, format=pitch_format, pitch_session=pitch_session)
    form = organiser_client.get(page("session_pitches", summit, session=pitch_session.pk))
    assert set(form.context["form"]["pitches"].value()) == {first.pk, second.pk}
    organiser_client.post(
        page("session_pitches", summit, session=pitch_session.pk), {"pitches": [second.pk]}
    )
    first.refresh_from_db()
    assert (first.pitch_session, list(pitch_session.pitches.all())) == (None, [second])


def test_only_pitch_format_sessions_free_of_other_pitch_sessions_can_be_chosen(
    organiser_client, summit, pitch_format, pitch_session
):
    talk = SessionFactory(summit=summit, title="A talk")
    elsewhere = SessionFactory(
        summit=summit,
        format=pitch_format,
        pitch_session=SessionFactory(summit=summit, kind="pitches"),
    )
    for chosen in (talk, elsewhere):
        response = organiser_client.post(
            page("session_pitches", summit, session=pitch_session.pk), {"pitches": [chosen.pk]}
        )
        assert response.context["form"].errors["pitches"] == [
            "Choose pitches of this summit that are in no other pitch session."
        ]
    assert list(pitch_session.pitches.all()) == []


def test_a_session_that_is_not_a_pitch_session_has_no_pitches_page(organiser_client, summit):
    talk = SessionFactory(summit=summit)
    response = organiser_client.get(page("session_pitches", summit, session=talk.pk), follow=True)
    assert shown_messages(response) == ["Only a pitch session groups pitches."]


def test_a_pitch_in_a_pitch_session_cannot_be_placed_alone(
    organiser_client, summit, room, pitch_format, pitch_session
):
    pitch = SessionFactory(summit=summit, format=pitch_format, pitch_session=pitch_session)
    response = organiser_client.post(
        page("session_place", summit, session=pitch.pk),
        {"room": room.pk, "starts_at": local(at(summit, 11))},
    )
    assert response.context["form"].errors["__all__"] == [
        "This pitch is part of the pitch session “Pitches: open data”: it takes that "
        "session's place. Move the pitch session instead."
    ]
    assert Slot.objects.filter(session=pitch).values_list("starts_at", flat=True).get() is None


def test_the_domain_refuses_to_group_into_a_session_that_is_not_a_pitch_session(
    summit, organiser, pitch_format
):
    talk = SessionFactory(summit=summit)
    pitch = SessionFactory(summit=summit, format=pitch_format)
    with pytest.raises(ValidationError) as error:
        builder.group_pitches(talk, pitches=[pitch], by=organiser)
    assert error.value.messages == ["Pitches can only join a pitch session."]
    assert Session.objects.get(pk=pitch.pk).pitch_session is None


def test_the_grid_lists_the_pitches_under_their_pitch_session(
    organiser_client, summit, day, pitch_format, pitch_session
):
    SessionFactory(
        summit=summit, format=pitch_format, pitch_session=pitch_session, title="Budget app"
    )
    response = organiser_client.get(page("grid", summit, day=day.date.isoformat()))
    [row] = [row for row in response.context["grid"].rows if any(c.items for c in row.cells)]
    [item] = [item for cell in row.cells for item in cell.items]
    assert (item.slot.session, [pitch.title for pitch in item.pitches]) == (
        pitch_session,
        ["Budget app"],
    )
    assert [item.slot.session for item in response.context["unscheduled"]] == []


def test_deleting_a_pitch_session_frees_its_pitches(
    organiser_client, summit, pitch_format, pitch_session
):
    pitch = SessionFactory(summit=summit, format=pitch_format, pitch_session=pitch_session)
    confirm = organiser_client.get(page("session_delete", summit, session=pitch_session.pk))
    assert "Its 1 pitches become sessions on their own, not placed." in confirm.content.decode()
    organiser_client.post(page("session_delete", summit, session=pitch_session.pk))
    pitch.refresh_from_db()
    assert (pitch.pitch_session, Session.objects.count()) == (None, 1)


def test_a_pitch_grouped_by_another_organiser_meanwhile_is_not_placed_alone(
    summit, organiser, room, pitch_format, pitch_session
):
    pitch = SessionFactory(summit=summit, format=pitch_format, title="Budget app")
    as_read_before = Session.objects.get(pk=pitch.pk)
    builder.group_pitches(pitch_session, pitches=[pitch], by=organiser)
    with pytest.raises(ValidationError) as refused:
        builder.place_session(as_read_before, room=room, starts_at=at(summit, 14), by=organiser)
    assert refused.value.code == "in_pitch_session"
    assert Slot.objects.filter(session=pitch).values_list("starts_at", flat=True).get() is None


def test_the_place_form_says_so_when_the_pitch_was_grouped_after_its_checks(
    organiser_client, summit, organiser, room, pitch_format, pitch_session, monkeypatch
):
    pitch = SessionFactory(summit=summit, format=pitch_format, title="Budget app")
    place_session = builder.place_session

    def grouped_meanwhile(session, **kwargs):
        builder.group_pitches(pitch_session, pitches=[pitch], by=organiser)
        return place_session(session, **kwargs)

    monkeypatch.setattr(builder, "place_session", grouped_meanwhile)
    response = organiser_client.post(
        page("session_place", summit, session=pitch.pk),
        {"room": room.pk, "starts_at": local(at(summit, 14))},
    )
    assert response.context["form"].non_field_errors() == [
        "This pitch is part of the pitch session “Pitches: open data”: it takes that "
        "session's place. Move the pitch session instead."
    ]
    assert Slot.objects.filter(session=pitch).values_list("starts_at", flat=True).get() is None


def test_a_refused_grouping_leaves_the_pitches_taken_out_in_the_pitch_session(
    organiser_client, summit, pitch_format, pitch_session, monkeypatch
):
    kept = SessionFactory(summit=summit, format=pitch_format, pitch_session=pitch_session)
    added = SessionFactory(summit=summit, format=pitch_format)

    def refuse(*args, **kwargs):
        raise ValidationError("Refused.")

    monkeypatch.setattr(builder, "group_pitches", refuse)
    response = organiser_client.post(
        page("session_pitches", summit, session=pitch_session.pk), {"pitches": [added.pk]}
    )
    assert response.context["form"].errors["pitches"] == ["Refused."]
    assert list(pitch_session.pitches.all()) == [kept]
