import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cosummit.accounts.models import OrganisationType, User
from cosummit.core.questions import QuestionKind
from cosummit.hackathon.models import Challenge, Project, Team
from cosummit.proposals.discussion import public_name
from cosummit.proposals.domain import missing_for_submission
from cosummit.proposals.models import (
    Call,
    Comment,
    Follow,
    Invitation,
    Proposal,
    SessionFormat,
    Speaker,
    State,
    Support,
    Track,
)
from cosummit.registration.models import (
    Quota,
    Registration,
    RegistrationQuestion,
    RegistrationSetup,
    Status,
)
from cosummit.review.models import Reviewer
from cosummit.summits.demo import LAUNCH_DAY, build_demo, shift_for
from cosummit.summits.models import Event, Page, Role, Room, Summit, TeamMembership
from cosummit.toolbox.models import Card

pytestmark = pytest.mark.django_db


def test_demo_builds_the_paris_summit_in_french_and_english():
    result = build_demo(historical=True, password="demo password 2016")
    summit = Summit.objects.get()
    assert (summit.name["fr"], summit.name["en"]) == (
        "Sommet mondial du Partenariat pour un gouvernement ouvert",
        "Open Government Partnership Global Summit",
    )
    assert (summit.start_date, summit.end_date, summit.city) == (
        dt.date(2016, 12, 7),
        dt.date(2016, 12, 9),
        "Paris",
    )
    assert (result.organiser_email, result.password, result.created) == (
        "organiser@demo.cosummit.example",
        "demo password 2016",
        True,
    )


def test_demo_launch_evening_has_the_three_co_creation_workshops():
    build_demo(historical=True)
    launch = Event.objects.get(slug="launch")
    workshops = Event.objects.filter(kind=Event.Kind.WORKSHOP, starts_at__date=LAUNCH_DAY)
    assert launch.starts_at.date() == dt.date(2016, 4, 20)
    assert "Minister of State for State Reform" in launch.summary["en"]
    assert sorted(workshops.values_list("slug", flat=True)) == [
        "workshop-agenda",
        "workshop-cso-day",
        "workshop-hackathon",
    ]


def test_every_demo_text_exists_in_both_languages():
    build_demo(historical=True)
    for event in Event.objects.all():
        assert set(event.title) == {"fr", "en"}, event.slug
        if event.summary:
            assert set(event.summary) == {"fr", "en"}, event.slug


def test_running_the_demo_twice_duplicates_nothing():
    build_demo()
    second = build_demo()
    counts = (
        Summit.objects.count(),
        Event.objects.count(),
        Room.objects.count(),
        Page.objects.count(),
        User.objects.count(),
        TeamMembership.objects.count(),
        RegistrationSetup.objects.count(),
        RegistrationQuestion.objects.count(),
        Quota.objects.count(),
        Registration.objects.count(),
        Call.objects.count(),
        SessionFormat.objects.count(),
        Track.objects.count(),
        Proposal.objects.count(),
        Speaker.objects.count(),
        Comment.objects.count(),
        Support.objects.count(),
        Card.objects.count(),
        Challenge.objects.count(),
        Team.objects.count(),
        Project.objects.count(),
    )
    # Two more people and roles: the demo review's made-up reviewers.
    assert counts == (1, 12, 3, 1, 17, 6, 6, 3, 3, 14, 1, 5, 5, 12, 13, 6, 16, 10, 4, 1, 1)
    assert (second.created, second.password) == (False, "")


def test_demo_dates_are_shifted_by_whole_weeks_so_the_launch_is_upcoming():
    build_demo()
    launch = Event.objects.get(slug="launch")
    assert launch.starts_at > timezone.now()
    assert launch.starts_at.date().weekday() == LAUNCH_DAY.weekday()
    assert shift_for(dt.date(2016, 1, 1), historical=False) == dt.timedelta(0)


def test_demo_team_covers_every_role():
    build_demo()
    assert set(TeamMembership.objects.values_list("role", flat=True)) == set(Role.values)


def test_demo_command_loads_only_into_an_empty_database_with_if_empty(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo", "--if-empty", "--password", "a demo password")
    call_command("demo", "--if-empty")
    output = capsys.readouterr().out
    assert (Summit.objects.count(), Registration.objects.count()) == (1, 14)
    assert "The database already holds a summit; the demo was not loaded." in output
    assert output.count("Demo organiser: organiser@demo.cosummit.example / password: a") == 2


def registrations_by_event() -> dict[str, list[tuple[str, str]]]:
    rows = {}
    for slug, name, status in Registration.objects.order_by("pk").values_list(
        "event__slug", "name", "status"
    ):
        rows.setdefault(slug, []).append((name, status))
    return rows


def test_demo_opens_registration_with_questions_quotas_and_a_consent_text():
    build_demo()
    setups = {
        setup.event.slug: setup for setup in RegistrationSetup.objects.select_related("event")
    }
    assert sorted(setups) == [
        "cso-day",
        "hackathon",
        "launch",
        "summit-day-1",
        "summit-day-2",
        "summit-day-3",
    ]
    assert {slug: setup.is_enabled for slug, setup in setups.items()} == dict.fromkeys(setups, True)
    assert {slug: (setup.capacity, setup.requires_approval) for slug, setup in setups.items()} == {
        "launch": (300, False),
        "cso-day": (450, False),
        "summit-day-1": (4000, False),
        "summit-day-2": (4000, False),
        "summit-day-3": (4000, False),
        "hackathon": (120, True),
    }
    launch = setups["launch"]
    assert (launch.opens_at, launch.closes_at) == (None, None)
    assert set(launch.consent_text) == {"fr", "en"}
    assert launch.consent_text["fr"].startswith("Les organisateurs du Sommet utilisent")
    diet, interpretation, language = launch.questions.order_by("position")
    assert [(q.kind, q.label["en"], q.is_required) for q in (diet, interpretation, language)] == [
        (QuestionKind.SINGLE_CHOICE, "Dietary needs", True),
        (QuestionKind.CHECKBOX, "I need interpretation", False),
        (QuestionKind.SINGLE_CHOICE, "Into which language?", True),
    ]
    assert (language.depends_on, language.depends_on_value) == (interpretation, "yes")
    assert dict(setups["cso-day"].quotas.values_list("category", "capacity")) == {
        "civil_society": 400,
        "government": 2,
        "other": 48,
    }


def test_demo_registrants_go_through_each_stage_of_a_registration():
    build_demo()
    assert registrations_by_event() == {
        "launch": [
            ("Alice Exemple", Status.CONFIRMED),
            ("Bruno Fictif", Status.HELD),
            ("Chloé Spécimen", Status.CONFIRMED),
            ("Daniel Placeholder", Status.CANCELLED),
        ],
        "cso-day": [
            ("Esther Sample", Status.CONFIRMED),
            ("Fatou Témoin", Status.CONFIRMED),
            ("Gabriel Prototype", Status.CANCELLED),
            # Gabriel's government seat went to the first government representative waiting.
            ("Hélène Maquette", Status.OFFERED),
            ("Ivan Échantillon", Status.WAITING),
        ],
        "summit-day-1": [("Julia Sample", Status.CONFIRMED), ("Kofi Esquisse", Status.HELD)],
        "hackathon": [
            ("Léa Brouillon", Status.AWAITING_APPROVAL),
            ("Marc Essai", Status.CONFIRMED),
            ("Nadia Ébauche", Status.REJECTED),
        ],
    }
    chloe = Registration.objects.get(name="Chloé Spécimen")
    labels = dict(RegistrationQuestion.objects.values_list("pk", "label__en"))
    assert {labels[int(pk)]: answer for pk, answer in chloe.answers.items()} == {
        "Dietary needs": "halal",
        "I need interpretation": True,
        "Into which language?": "lsf",
    }
    assert (chloe.email, chloe.language, chloe.consent_version) == (
        "chloe.specimen@example.org",
        "fr",
        chloe.event.registration_setup.consent_version,
    )
    # Each registrant got the mails the site sends; the others went to the proposals'
    # speakers and to the reviewers given proposals by the demo's assignment.
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == set(Registration.objects.values_list("email", flat=True)) | set(
        Speaker.objects.values_list("user__email", flat=True)
    ) | set(Reviewer.objects.values_list("user__email", flat=True))


def test_historical_demo_has_the_organisers_add_registrants_once_registration_closed():
    build_demo(historical=True)
    statuses = {
        slug: [status for _name, status in rows] for slug, rows in registrations_by_event().items()
    }
    assert statuses == {
        "launch": [Status.CONFIRMED, Status.CONFIRMED, Status.CONFIRMED, Status.CANCELLED],
        "cso-day": [
            Status.CONFIRMED,
            Status.CONFIRMED,
            Status.CANCELLED,
            Status.OFFERED,
            Status.WAITING,
        ],
        "summit-day-1": [Status.CONFIRMED, Status.CONFIRMED],
        "hackathon": [Status.CONFIRMED, Status.CONFIRMED, Status.CONFIRMED],
    }


def test_demo_call_is_open_with_five_tracks_in_both_languages():
    build_demo()
    call = Call.objects.get()
    now = timezone.now()
    assert call.opens_at < now < call.closes_at
    assert call.is_discussion_public
    assert call.discussion_opens_at is None
    assert list(call.formats.values_list("kind", flat=True)) == [
        "lecture",
        "round_table",
        "workshop",
        "pitch",
        "external",
    ]
    tracks = list(Track.objects.order_by("position"))
    assert [track.name["en"] for track in tracks] == [
        "Access to information",
        "Civic participation",
        "Fiscal openness",
        "Anti-corruption",
        "Open data and digital governance",
    ]
    assert all(set(track.name) == {"fr", "en"} for track in tracks)
    assert all(set(track.description) == {"fr", "en"} for track in tracks)


def test_demo_proposals_are_submitted_in_both_languages_from_governments_and_civil_society():
    build_demo()
    proposals = list(Proposal.objects.all())
    assert {proposal.state for proposal in proposals} == {State.SUBMITTED}
    assert sorted({proposal.language for proposal in proposals}) == ["en", "fr"]
    assert sum(1 for proposal in proposals if proposal.other_title) == 5
    assert sum(1 for proposal in proposals if proposal.is_co_led) == 8
    organisation_types = {
        organisation.organisation_type
        for proposal in proposals
        for organisation in proposal.organisations.all()
    }
    assert organisation_types == {
        OrganisationType.GOVERNMENT,
        OrganisationType.CIVIL_SOCIETY,
        OrganisationType.ACADEMIA,
    }
    assert [missing_for_submission(proposal) for proposal in proposals] == [[]] * 12
    # Every proposal is in the gallery, searchable by its texts and organisations.
    assert all(proposal.search_text for proposal in proposals)
    assert sorted({proposal.track.slug for proposal in proposals}) == [
        "access-to-information",
        "anti-corruption",
        "civic-participation",
        "fiscal-openness",
        "open-data-digital",
    ]


def test_demo_proposals_have_a_co_speaker_comments_and_supports_counted():
    build_demo()
    budget = Proposal.objects.get(title__startswith="Suivre l'argent public")
    assert [
        (public_name(speaker.user), speaker.is_author) for speaker in budget.speaker_set.all()
    ] == [
        ("Nadia Benali", True),
        ("Olivier Garnier", False),
    ]
    assert Invitation.objects.get().status == Invitation.Status.ACCEPTED
    assert list(budget.comments.values_list("depth", flat=True)) == [1, 2]
    for proposal in Proposal.objects.all():
        assert proposal.supports_count == proposal.supports.count()
        assert proposal.comments_count == proposal.comments.count()
        # Speakers follow their proposal, and never support it.
        speakers = set(proposal.speaker_set.values_list("user", flat=True))
        assert set(Follow.objects.filter(proposal=proposal).values_list("user", flat=True)) == (
            speakers
        )
        assert not speakers & set(proposal.supports.values_list("user", flat=True))
    assert (budget.supports_count, budget.comments_count) == (5, 2)


def test_demo_people_who_propose_cannot_log_in_with_a_password():
    build_demo(password="demo password 2016")
    proposer = User.objects.get(email="nadia.benali@example.org")
    assert not proposer.has_usable_password()
    assert proposer.emailaddress_set.get().verified


def test_demo_with_historical_dates_still_has_an_open_call():
    build_demo(historical=True)
    call = Call.objects.get()
    assert call.opens_at < timezone.now() < call.closes_at
    assert Proposal.objects.count() == 12
