"""People in every relation to a summit, and form data for the organiser area."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from cosummit.core.i18n import TranslatedWidget
from cosummit.summits.models import Event, Page, Role, Room, Summit, TeamMembership, Venue
from tests.factories import (
    EventFactory,
    PageFactory,
    RoomFactory,
    SummitFactory,
    TeamMembershipFactory,
    UserFactory,
    VenueFactory,
)

# Everyone who may knock at a summit's door, by how they relate to it.
ORGANISER = "organiser"
NON_ORGANISERS = [
    "moderator",
    "reviewer",
    "check-in staff",
    "participant",
    "anonymous",
    "inactive organiser",
    "organiser of another summit",
    "staff without a role",
]
EVERYONE = [ORGANISER, *NON_ORGANISERS]
# Those who can log in, and so reach the organiser area's views at all.
LOGGED_IN_NON_ORGANISERS = [
    "moderator",
    "reviewer",
    "check-in staff",
    "participant",
    "organiser of another summit",
    "staff without a role",
]


def make_person(kind: str, summit):
    """A user (or an anonymous visitor) in relation `kind` to `summit`."""
    roles = {
        "organiser": Role.ORGANISER,
        "moderator": Role.MODERATOR,
        "reviewer": Role.REVIEWER,
        "check-in staff": Role.CHECKIN,
    }
    if kind in roles:
        return TeamMembershipFactory(summit=summit, role=roles[kind]).user
    if kind == "participant":
        return UserFactory()
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "inactive organiser":
        user = UserFactory(is_active=False)
        TeamMembershipFactory(summit=summit, user=user, role=Role.ORGANISER)
        return user
    if kind == "organiser of another summit":
        return TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user
    if kind == "staff without a role":
        return UserFactory(is_staff=True)
    raise ValueError(kind)


def translated(name: str, **texts: str) -> dict[str, str]:
    """POST data of a translated field: translated("title", fr="Atelier", en="Workshop")."""
    widget = TranslatedWidget()
    return {
        f"{name}{suffix}": texts.get(code, "")
        for code, suffix in zip(widget.languages, widget.widgets_names, strict=True)
    }


def event_data(**overrides) -> dict[str, str]:
    """A valid event form, in English and French; change any field with `overrides`."""
    data = {
        "kind": "workshop",
        **translated("title", fr="Atelier de co-création", en="Co-creation workshop"),
        "slug": "co-creation-workshop",
        **translated("summary"),
        **translated("description"),
        "starts_at": "2016-12-07T09:00",
        "ends_at": "2016-12-07T12:30",
        "timezone": "",
        "venue": "",
        "location": "",
        "online_url": "",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def summit_data(**overrides) -> dict[str, str]:
    data = {
        **translated("name", fr="Sommet mondial du PGO", en="OGP Global Summit"),
        "slug": "ogp-paris-2016",
        **translated("tagline"),
        **translated("description"),
        "start_date": "2016-12-07",
        "end_date": "2016-12-09",
        "city": "Paris",
        "country": "FR",
        "timezone": "Europe/Paris",
        "languages": "fr, en, es",
    }
    data.update(overrides)
    return data


def venue_data(**overrides) -> dict[str, str]:
    data = {
        **translated("name", fr="Palais d'Iéna", en="Palais d'Iéna"),
        "address": "9 place d'Iéna",
        "city": "Paris",
        "country": "FR",
        **translated("accessibility"),
    }
    data.update(overrides)
    return data


def room_data(venue, **overrides) -> dict[str, str]:
    data = {
        "venue": str(venue.pk),
        **translated("name", fr="Hémicycle", en="Hemicycle"),
        "capacity": "350",
        **translated("accessibility"),
    }
    data.update(overrides)
    return data


def page_data(**overrides) -> dict[str, str]:
    data = {
        **translated("title", fr="Venir au sommet", en="Getting there"),
        "slug": "getting-there",
        **translated("body", fr="Métro Iéna.", en="Metro Iéna."),
        "position": "1",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def shown_messages(response) -> list[str]:
    """The messages a followed response showed to the person."""
    return [str(message) for message in response.context["messages"]]


def build_site() -> SimpleNamespace:
    """A summit with one row of every kind the organiser area manages."""
    summit = SummitFactory(slug="ogp")
    venue = VenueFactory(summit=summit)
    room = RoomFactory(venue=venue)
    event = EventFactory(summit=summit, slug="launch", venue=venue)
    page = PageFactory(summit=summit, slug="practical")
    moderator_role = TeamMembershipFactory(summit=summit, role=Role.MODERATOR)
    return SimpleNamespace(
        summit=summit,
        venue=venue,
        room=room,
        event=event,
        page=page,
        moderator_role=moderator_role,
    )


def address(name: str, site) -> str:
    """The English address of organiser page `name` for the rows of `site`."""
    kwargs = {
        "summit": {},
        "summit_edit": {},
        "summit_publication": {},
        "events": {},
        "event_create": {},
        "event_edit": {"event": site.event.slug},
        "event_publication": {"event": site.event.slug},
        "event_delete": {"event": site.event.slug},
        "venues": {},
        "venue_create": {},
        "venue_edit": {"venue": site.venue.pk},
        "venue_delete": {"venue": site.venue.pk},
        "room_create": {},
        "room_edit": {"room": site.room.pk},
        "room_delete": {"room": site.room.pk},
        "pages": {},
        "page_create": {},
        "page_edit": {"page": site.page.pk},
        "page_delete": {"page": site.page.pk},
        "team": {},
        "team_role_remove": {"membership": site.moderator_role.pk},
    }[name]
    with translation.override("en"):
        return reverse(f"organise:{name}", kwargs={"summit": site.summit.slug, **kwargs})


def change_request(name: str, site) -> dict[str, str]:
    """POST data that would change something if the sender were an organiser."""
    return {
        "summit_edit": summit_data(slug="taken-over"),
        "summit_publication": {"is_published": "0"},
        "event_create": event_data(slug="new-event"),
        "event_edit": event_data(slug="renamed"),
        "event_publication": {"is_published": "0"},
        "venue_create": venue_data(),
        "venue_edit": venue_data(city="Lyon"),
        "room_create": room_data(site.venue),
        "room_edit": room_data(site.venue, capacity="5"),
        "page_create": page_data(slug="new-page"),
        "page_edit": page_data(slug="renamed-page"),
        "team": {"email": "someone@example.org", "role": Role.ORGANISER},
    }.get(name, {})


def everything() -> list:
    """Every row the organiser area can change, to show that nothing did."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (Summit, Event, Venue, Room, Page, TeamMembership)
    ]
