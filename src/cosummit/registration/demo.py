"""Registration in the demo summit: open events, questions, quotas and a few registrants.

`build_demo_registration` is idempotent, like the rest of the demo: setups and
questions are updated in place, and a registrant already known for an event
(by e-mail address, whatever the status) is left as they are. Registrants are
made up, with addresses under example.org, and go through the same domain
functions as people on the site, so the outbox holds the mails they would
have received. Where registration has closed (the demo's historical dates),
the organisers add them instead, as the registrations page does.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from cosummit.core.questions import QuestionKind
from cosummit.summits.models import Event, Role, Summit, TeamMembership

from . import domain, question_editing
from .models import Category, Registration, RegistrationQuestion, Status
from .queries import get_setup

CONSENT_TEXT = {
    "fr": (
        "Les organisateurs du Sommet utilisent vos nom, adresse électronique, organisation, "
        "pays et réponses pour préparer l'événement, imprimer votre badge et vous accueillir. "
        "Ces données ne sont ni vendues ni partagées ; elles sont effacées six mois après "
        "l'événement. Depuis le lien privé de votre inscription, vous pouvez les télécharger "
        "ou les effacer à tout moment."
    ),
    "en": (
        "The Summit's organisers use your name, e-mail address, organisation, country and "
        "answers to prepare the event, print your badge and welcome you. This data is neither "
        "sold nor shared; it is erased six months after the event. From the private link to "
        "your registration, you can download or erase it at any time."
    ),
}
# Six months, as the consent text says.
RETENTION_DAYS = 183

DIETARY_NEEDS = {
    "kind": QuestionKind.SINGLE_CHOICE,
    "label": {"fr": "Régime alimentaire", "en": "Dietary needs"},
    "help_text": {
        "fr": "Pour le buffet qui suit les ateliers.",
        "en": "For the buffet after the workshops.",
    },
    "options": [
        {"value": "none", "label": {"fr": "Aucun", "en": "None"}},
        {"value": "vegetarian", "label": {"fr": "Végétarien", "en": "Vegetarian"}},
        {"value": "vegan", "label": {"fr": "Végétalien", "en": "Vegan"}},
        {"value": "halal", "label": {"fr": "Halal", "en": "Halal"}},
        {"value": "kosher", "label": {"fr": "Casher", "en": "Kosher"}},
        {"value": "gluten-free", "label": {"fr": "Sans gluten", "en": "Gluten-free"}},
    ],
    "is_required": True,
}
NEEDS_INTERPRETATION = {
    "kind": QuestionKind.CHECKBOX,
    "label": {"fr": "J'ai besoin d'une interprétation", "en": "I need interpretation"},
    "help_text": {
        "fr": "Les ateliers se tiennent en français.",
        "en": "The workshops are held in French.",
    },
    "options": [],
    "is_required": False,
}
INTERPRETATION_LANGUAGE = {
    "kind": QuestionKind.SINGLE_CHOICE,
    "label": {"fr": "Vers quelle langue ?", "en": "Into which language?"},
    "help_text": {},
    "options": [
        {"value": "en", "label": {"fr": "Anglais", "en": "English"}},
        {"value": "es", "label": {"fr": "Espagnol", "en": "Spanish"}},
        {"value": "lsf", "label": {"fr": "Langue des signes française", "en": "French Sign"}},
        {"value": "is", "label": {"fr": "Signes internationaux", "en": "International Sign"}},
    ],
    "is_required": True,
}


@dataclass(frozen=True)
class DemoRegistrant:
    """A made-up person, and what they do after registering, in order.

    `answers` are keyed by "diet", "interpretation" and "language" (the launch
    event's questions); `then` holds "confirm", "approve", "reject" or "cancel".
    """

    event: str
    name: str
    organisation: str
    organisation_type: str
    country: str
    language: str
    answers: dict = field(default_factory=dict)
    then: tuple = ()

    @property
    def email(self) -> str:
        first, last = self.name.split(" ", 1)
        return f"{slugify(first)}.{slugify(last)}@example.org"


GOV, CSO, ACADEMIA = "government", "civil_society", "academia"
REGISTRANTS = [
    DemoRegistrant("launch", "Alice Exemple", "Collectif Données Ouvertes", CSO, "FR", "fr",
                   {"diet": "vegetarian", "interpretation": False}, ("confirm",)),
    DemoRegistrant("launch", "Bruno Fictif", "Direction de la modernisation", GOV, "FR", "fr",
                   {"diet": "none", "interpretation": False}),
    DemoRegistrant("launch", "Chloé Spécimen", "Lab Transparence", CSO, "SN", "fr",
                   {"diet": "halal", "interpretation": True, "language": "lsf"}, ("confirm",)),
    DemoRegistrant("launch", "Daniel Placeholder", "University of Nowhere", ACADEMIA, "GB", "en",
                   {"diet": "vegan", "interpretation": True, "language": "en"},
                   ("confirm", "cancel")),
    DemoRegistrant("cso-day", "Esther Sample", "Open Budget Circle", CSO, "KE", "en",
                   then=("confirm",)),
    DemoRegistrant("cso-day", "Fatou Témoin", "Ministère de la Bonne Gouvernance", GOV, "SN",
                   "fr", then=("confirm",)),
    DemoRegistrant("cso-day", "Gabriel Prototype", "Secretaría de Apertura", GOV, "MX", "en",
                   then=("confirm",)),
    # The two observer seats for governments are taken: these two wait.
    DemoRegistrant("cso-day", "Hélène Maquette", "Préfecture de Nulle-Part", GOV, "FR", "fr"),
    DemoRegistrant("cso-day", "Ivan Échantillon", "Ministry of Examples", GOV, "UA", "en"),
    DemoRegistrant("summit-day-1", "Julia Sample", "Rede Cidadã Fictícia", CSO, "BR", "en",
                   then=("confirm",)),
    DemoRegistrant("summit-day-1", "Kofi Esquisse", "Office of Imaginary Affairs", GOV, "GH",
                   "en"),
    DemoRegistrant("hackathon", "Léa Brouillon", "Civic Tech Nulle-Part", CSO, "TN", "fr",
                   then=("confirm",)),
    DemoRegistrant("hackathon", "Marc Essai", "Atelier du Code Fictif", CSO, "BE", "fr",
                   then=("confirm", "approve")),
    DemoRegistrant("hackathon", "Nadia Ébauche", "Example Analytics", "private_sector", "MA",
                   "en", then=("confirm", "reject")),
]  # fmt: skip
# Once everyone above is in, Gabriel cannot come after all: his seat is offered
# to Hélène, the first government representative waiting.
LATER_CANCELLATIONS = [("cso-day", "Gabriel Prototype")]


def _organiser(summit: Summit):
    membership = (
        TeamMembership.objects.filter(summit=summit, role=Role.ORGANISER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user


def _question(setup, *, by, depends_on=None, depends_on_value="", **fields):
    """The question with this English label, changed to `fields`, or a new one."""
    fields |= {"depends_on": depends_on, "depends_on_value": depends_on_value}
    existing = RegistrationQuestion.objects.filter(
        setup=setup, label__en=fields["label"]["en"]
    ).first()
    if existing is None:
        return question_editing.create_question(setup, by=by, **fields)
    return question_editing.update_question(existing, by=by, **fields)


def _set_up(events: dict[str, Event], organiser) -> dict[str, RegistrationQuestion]:
    """Enable registration on the demo's events; return the launch event's questions."""
    common = {"is_enabled": True, "consent_text": CONSENT_TEXT, "retention_days": RETENTION_DAYS}
    launch = get_setup(events["launch"])
    domain.update_registration_setup(launch, by=organiser, capacity=300, **common)
    questions = {"diet": _question(launch, by=organiser, **DIETARY_NEEDS)}
    questions["interpretation"] = _question(launch, by=organiser, **NEEDS_INTERPRETATION)
    questions["language"] = _question(
        launch,
        by=organiser,
        depends_on=questions["interpretation"],
        depends_on_value="yes",
        **INTERPRETATION_LANGUAGE,
    )

    cso_day = get_setup(events["cso-day"])
    domain.update_registration_setup(cso_day, by=organiser, capacity=450, **common)
    # A day by and for civil society: governments have two observer seats.
    domain.set_quotas(
        cso_day,
        quotas={Category.CIVIL_SOCIETY: 400, Category.GOVERNMENT: 2, Category.OTHER: 48},
        by=organiser,
    )

    for slug in ("summit-day-1", "summit-day-2", "summit-day-3"):
        event = events[slug]
        domain.update_registration_setup(
            get_setup(event),
            by=organiser,
            capacity=4000,
            requires_approval=False,
            closes_at=event.starts_at - dt.timedelta(days=1),
            **common,
        )

    domain.update_registration_setup(
        get_setup(events["hackathon"]),
        by=organiser,
        capacity=120,
        # Places at the hackathon go to balanced teams: the organisers pick.
        requires_approval=True,
        **common,
    )
    return questions


def _answers(person: DemoRegistrant, questions: dict) -> dict:
    return {str(questions[key].pk): value for key, value in person.answers.items()}


def _enrol(event: Event, person: DemoRegistrant, questions: dict, organiser) -> Registration:
    registrant = domain.Registrant(
        name=person.name,
        email=person.email,
        organisation=person.organisation,
        organisation_type=person.organisation_type,
        country=person.country,
        language=person.language,
        answers=_answers(person, questions) if event.slug == "launch" else {},
        consented=True,
    )
    try:
        return domain.register(event, registrant=registrant)
    except domain.RegistrationClosed:
        return domain.add_registration(event, registrant=registrant, by=organiser)


def _act(registration: Registration, action: str, organiser) -> None:
    """Take `action` if the registration's status allows it.

    In the historical demo the organisers add people, who are confirmed at
    once: there is then nothing to confirm, approve or reject.
    """
    registration.refresh_from_db()
    status = registration.status
    match action:
        case "confirm" if status in (Status.HELD, Status.OFFERED):
            domain.confirm_registration(registration)
        case "approve" if status == Status.AWAITING_APPROVAL:
            domain.approve_registration(registration, by=organiser)
        case "reject" if status == Status.AWAITING_APPROVAL:
            domain.reject_registration(registration, by=organiser)
        case "cancel" if registration.is_active:
            domain.cancel_registration(registration)


@transaction.atomic
def build_demo_registration(summit: Summit) -> int:
    """Open registration on the demo's events and register made-up people; return how many.

    Side effects, in order: the registration setups of the launch event (300
    seats, three questions, one asked only after another), the CSO Day (seats
    per category), the three Summit days (4,000 seats each) and the hackathon
    (approved by the organisers), each with the consent text; then, for each
    made-up person not registered yet, their registration and the actions they
    take, each with its mails; last, the cancellations that free a seat for
    someone waiting.
    """
    organiser = _organiser(summit)
    events = {event.slug: event for event in summit.events.select_related("summit", "venue")}
    questions = _set_up(events, organiser)
    known = set(
        Registration.objects.filter(event__summit=summit).values_list("event__slug", "email")
    )
    added = {}
    for person in REGISTRANTS:
        if (person.event, person.email) in known:
            continue
        registration = _enrol(events[person.event], person, questions, organiser)
        for action in person.then:
            _act(registration, action, organiser)
        added[(person.event, person.name)] = registration
    for key in LATER_CANCELLATIONS:
        if key in added:
            _act(added[key], "cancel", organiser)
    return len(added)
