"""Every helper of summits/queries.py, asked by everyone in every relation to a summit.

The people are the summit's organiser, moderator, reviewer and check-in staff,
a plain participant, an anonymous visitor, an inactive organiser, an organiser
of another summit, and a member of the platform's staff without a role.
"""

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from cosummit.summits import queries
from cosummit.summits.models import Role
from tests.factories import (
    EventFactory,
    PageFactory,
    RoomFactory,
    SummitFactory,
    TeamMembershipFactory,
    VenueFactory,
)

from .factories_extra import EVERYONE, NON_ORGANISERS, make_person

pytestmark = pytest.mark.django_db

NOT_FOUND = "404"


def outcome(helper, *args):
    """What a helper gives back, or NOT_FOUND when it refuses with 404."""
    try:
        return helper(*args)
    except Http404:
        return NOT_FOUND


@pytest.fixture
def draft():
    return SummitFactory(is_published=False, slug="draft-summit")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("organiser", {Role.ORGANISER}),
        ("moderator", {Role.MODERATOR}),
        ("reviewer", {Role.REVIEWER}),
        ("check-in staff", {Role.CHECKIN}),
        ("participant", set()),
        ("anonymous", set()),
        ("inactive organiser", set()),
        ("organiser of another summit", set()),
        ("staff without a role", set()),
    ],
)
def test_roles_of_gives_the_roles_an_active_person_holds_in_this_summit(summit, kind, expected):
    assert queries.roles_of(make_person(kind, summit), summit) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("organiser", True),
        ("moderator", True),
        ("reviewer", True),
        ("check-in staff", True),
        ("participant", False),
        ("anonymous", False),
        ("inactive organiser", False),
        ("organiser of another summit", False),
        ("staff without a role", False),
    ],
)
def test_has_role_is_true_for_active_team_members_of_this_summit_only(summit, kind, expected):
    person = make_person(kind, summit)
    assert queries.has_role(person, summit, *Role.values) is expected


@pytest.mark.parametrize(
    ("helper", "allowed"),
    [
        (queries.can_organise, {"organiser"}),
        (queries.can_moderate, {"organiser", "moderator"}),
        (queries.can_review, {"reviewer"}),
        (queries.can_check_in, {"organiser", "check-in staff"}),
    ],
    ids=["can_organise", "can_moderate", "can_review", "can_check_in"],
)
@pytest.mark.parametrize("kind", EVERYONE)
def test_each_right_belongs_to_the_roles_that_carry_it(summit, helper, allowed, kind):
    assert helper(make_person(kind, summit), summit) is (kind in allowed)


@pytest.mark.parametrize("kind", EVERYONE)
def test_only_active_staff_may_create_a_summit(summit, kind):
    assert queries.can_create_summit(make_person(kind, summit)) is (kind == "staff without a role")


def test_an_inactive_staff_member_may_not_create_a_summit(summit):
    person = make_person("staff without a role", summit)
    person.is_active = False
    assert queries.can_create_summit(person) is False


@pytest.mark.parametrize("kind", EVERYONE)
def test_summits_organised_by_lists_the_summits_an_active_person_organises(summit, kind):
    person = make_person(kind, summit)
    organised = list(queries.summits_organised_by(person))
    if kind == "organiser":
        assert organised == [summit]
    elif kind == "organiser of another summit":
        assert organised == [person.team_memberships.get().summit]
    else:
        assert organised == []


@pytest.mark.parametrize("kind", EVERYONE)
def test_visible_summits_adds_drafts_for_their_organisers_only(draft, kind):
    published = SummitFactory()
    person = make_person(kind, draft)
    visible = set(queries.visible_summits(person))
    assert (published in visible, draft in visible) == (True, kind == "organiser")


@pytest.mark.parametrize("kind", EVERYONE)
def test_get_summit_for_user_gives_a_draft_to_its_organisers_only(draft, kind):
    person = make_person(kind, draft)
    expected = draft if kind == "organiser" else NOT_FOUND
    assert outcome(queries.get_summit_for_user, person, draft.slug) == expected


@pytest.mark.parametrize("kind", EVERYONE)
def test_get_summit_for_user_gives_a_published_summit_to_everyone(summit, kind):
    assert outcome(queries.get_summit_for_user, make_person(kind, summit), summit.slug) == summit


@pytest.mark.parametrize("kind", EVERYONE)
def test_get_summit_for_organiser_gives_even_a_published_summit_to_organisers_only(summit, kind):
    person = make_person(kind, summit)
    expected = summit if kind == "organiser" else NOT_FOUND
    assert outcome(queries.get_summit_for_organiser, person, summit.slug) == expected


@pytest.mark.parametrize("kind", EVERYONE)
def test_unknown_summit_is_not_found_by_anyone(summit, kind):
    person = make_person(kind, summit)
    found = [
        outcome(queries.get_summit_for_user, person, "no-such-summit"),
        outcome(queries.get_summit_for_organiser, person, "no-such-summit"),
    ]
    assert found == [NOT_FOUND, NOT_FOUND]


@pytest.mark.parametrize("kind", EVERYONE)
def test_events_for_user_shows_unpublished_events_to_organisers_only(summit, kind):
    shown = EventFactory(summit=summit, is_published=True)
    hidden = EventFactory(summit=summit, is_published=False)
    events = list(queries.events_for_user(make_person(kind, summit), summit))
    assert events == ([shown, hidden] if kind == "organiser" else [shown])


@pytest.mark.parametrize("kind", EVERYONE)
def test_get_event_for_user_gives_an_unpublished_event_to_organisers_only(summit, kind):
    shown = EventFactory(summit=summit, is_published=True)
    hidden = EventFactory(summit=summit, is_published=False)
    person = make_person(kind, summit)
    found = [
        outcome(queries.get_event_for_user, person, summit, shown.slug),
        outcome(queries.get_event_for_user, person, summit, hidden.slug),
    ]
    assert found == [shown, hidden if kind == "organiser" else NOT_FOUND]


@pytest.mark.parametrize("kind", EVERYONE)
def test_pages_for_user_shows_unpublished_pages_to_organisers_only(summit, kind):
    shown = PageFactory(summit=summit, is_published=True)
    hidden = PageFactory(summit=summit, is_published=False)
    pages = list(queries.pages_for_user(make_person(kind, summit), summit))
    assert pages == ([shown, hidden] if kind == "organiser" else [shown])


@pytest.mark.parametrize("kind", EVERYONE)
def test_get_page_for_user_gives_an_unpublished_page_to_organisers_only(summit, kind):
    shown = PageFactory(summit=summit, is_published=True)
    hidden = PageFactory(summit=summit, is_published=False)
    person = make_person(kind, summit)
    found = [
        outcome(queries.get_page_for_user, person, summit, shown.slug),
        outcome(queries.get_page_for_user, person, summit, hidden.slug),
    ]
    assert found == [shown, hidden if kind == "organiser" else NOT_FOUND]


def test_upcoming_keeps_events_that_have_not_ended_and_past_the_others_latest_first(summit):
    now = timezone.now()
    running = EventFactory(
        summit=summit, starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=1)
    )
    older = EventFactory(
        summit=summit, starts_at=now - dt.timedelta(days=9), ends_at=now - dt.timedelta(days=8)
    )
    newer = EventFactory(
        summit=summit, starts_at=now - dt.timedelta(days=3), ends_at=now - dt.timedelta(days=2)
    )
    events = queries.organiser_events(summit)
    assert (list(queries.upcoming(events)), list(queries.past(events))) == (
        [running],
        [newer, older],
    )


# The organiser area's helpers: one summit's object, for its organisers only.


@pytest.fixture
def objects(summit):
    venue = VenueFactory(summit=summit)
    return {
        "event": EventFactory(summit=summit, is_published=False),
        "venue": venue,
        "room": RoomFactory(venue=venue),
        "page": PageFactory(summit=summit, is_published=False),
        "team role": TeamMembershipFactory(summit=summit, role=Role.REVIEWER),
    }


def organiser_lookups(summit_slug: str, objects: dict) -> dict:
    return {
        "event": (queries.get_event_for_organiser, summit_slug, objects["event"].slug),
        "venue": (queries.get_venue_for_organiser, summit_slug, objects["venue"].pk),
        "room": (queries.get_room_for_organiser, summit_slug, objects["room"].pk),
        "page": (queries.get_page_for_organiser, summit_slug, objects["page"].pk),
        "team role": (queries.get_team_role_for_organiser, summit_slug, objects["team role"].pk),
    }


THINGS = ["event", "venue", "room", "page", "team role"]


@pytest.mark.parametrize("thing", THINGS)
def test_an_organiser_gets_each_object_of_their_summit(summit, objects, thing):
    helper, *args = organiser_lookups(summit.slug, objects)[thing]
    assert outcome(helper, make_person("organiser", summit), *args) == objects[thing]


@pytest.mark.parametrize("kind", NON_ORGANISERS)
@pytest.mark.parametrize("thing", THINGS)
def test_people_who_do_not_organise_the_summit_get_404_for_its_objects(
    summit, objects, thing, kind
):
    helper, *args = organiser_lookups(summit.slug, objects)[thing]
    assert outcome(helper, make_person(kind, summit), *args) == NOT_FOUND


@pytest.mark.parametrize("thing", THINGS)
def test_an_organiser_gets_404_for_an_object_named_under_another_summit(summit, objects, thing):
    organiser_elsewhere = make_person("organiser", SummitFactory(slug="elsewhere"))
    helper, *args = organiser_lookups("elsewhere", objects)[thing]
    assert outcome(helper, organiser_elsewhere, *args) == NOT_FOUND


@pytest.mark.parametrize("thing", THINGS)
def test_an_organiser_gets_404_for_an_unknown_object(summit, objects, thing):
    helper, summit_slug, _known = organiser_lookups(summit.slug, objects)[thing]
    unknown = "no-such-event" if thing == "event" else 999_999
    assert outcome(helper, make_person("organiser", summit), summit_slug, unknown) == NOT_FOUND


def test_the_organiser_lists_hold_only_this_summits_rows_published_or_not(summit, objects):
    other = SummitFactory()
    EventFactory(summit=other)
    RoomFactory(venue=VenueFactory(summit=other))
    PageFactory(summit=other)
    TeamMembershipFactory(summit=other)
    organiser = TeamMembershipFactory(summit=summit, role=Role.ORGANISER)
    venues = list(queries.venues_with_rooms(summit))
    assert list(queries.organiser_events(summit)) == [objects["event"]]
    assert (venues, list(venues[0].rooms.all())) == ([objects["venue"]], [objects["room"]])
    assert list(queries.summit_pages(summit)) == [objects["page"]]
    assert set(queries.team_of(summit)) == {objects["team role"], organiser}
