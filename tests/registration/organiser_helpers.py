"""A summit with a registration-enabled event, its team, and addresses of the organiser pages."""

from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation

from cosummit.registration.models import Registration, RegistrationQuestion, RegistrationSetup
from cosummit.summits.models import Role
from tests.factories import EventFactory, SummitFactory, TeamMembershipFactory
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
)


def build_registration_site() -> SimpleNamespace:
    """Summit "ogp" with event "launch" (10 seats), one question, one registration."""
    summit = SummitFactory(slug="ogp")
    event = EventFactory(summit=summit, slug="launch", title={"en": "Launch", "fr": "Lancement"})
    setup = RegistrationSetupFactory(event=event, capacity=10)
    question = RegistrationQuestionFactory(setup=setup, label={"en": "Dietary needs"})
    registration = RegistrationFactory(event=event, name="Ada Lovelace")
    return SimpleNamespace(
        summit=summit, event=event, setup=setup, question=question, registration=registration
    )


def organiser_of(summit):
    return TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user


def checkin_staff_of(summit):
    return TeamMembershipFactory(summit=summit, role=Role.CHECKIN).user


def url(name: str, site, **extra) -> str:
    """The English address of page `name` of the app registration_organise for `site`."""
    kwargs = {"summit": site.summit.slug}
    needs_event = name not in ("overview", "checkin_events")
    if needs_event:
        kwargs["event"] = site.event.slug
    if name.startswith("question_") and name != "question_create":
        kwargs["question"] = site.question.pk
    if name in ("approve", "reject", "cancel"):
        kwargs["registration"] = site.registration.pk
    kwargs.update(extra)
    with translation.override("en"):
        return reverse(f"registration_organise:{name}", kwargs=kwargs)


def registration_rows() -> list:
    """Every row the registration pages can change, to show that nothing did."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (RegistrationSetup, RegistrationQuestion, Registration)
    ]


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
