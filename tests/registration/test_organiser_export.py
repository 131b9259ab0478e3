"""The CSV export of an event's registrations."""

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.utils import timezone

from cosummit.core.questions import QuestionKind
from cosummit.registration.exports import safe_cell
from cosummit.registration.models import Registration, Status
from tests.factories import EventFactory, SummitFactory, UserFactory
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
)

from .organiser_helpers import organiser_of

pytestmark = pytest.mark.django_db

EXPORT = "/en/organise/ogp/registrations/launch/export.csv"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def setup():
    event = EventFactory(summit=SummitFactory(slug="ogp"), slug="launch")
    return RegistrationSetupFactory(event=event)


@pytest.fixture
def logged_in(client, setup):
    client.force_login(organiser_of(setup.event.summit))
    return client


def read(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_export_has_every_field_and_one_column_per_question(logged_in, setup):
    transport = RegistrationQuestionFactory(
        setup=setup,
        kind=QuestionKind.SINGLE_CHOICE,
        label={"en": "Transport", "fr": "Transport"},
        options=[
            {"value": "train", "label": {"en": "By train", "fr": "En train"}},
            {"value": "plane", "label": {"en": "By plane", "fr": "En avion"}},
        ],
        position=0,
    )
    visa = RegistrationQuestionFactory(
        setup=setup, kind=QuestionKind.CHECKBOX, label={"en": "Visa needed"}, position=1
    )
    volunteer = UserFactory(name="Door volunteer")
    registration = RegistrationFactory(
        event=setup.event,
        code="ABCD2345",
        name="Zoé Dupont",
        email="zoe@example.org",
        organisation="Open Data Collective",
        country="SN",
        language="fr",
        answers={str(transport.pk): "train", str(visa.pk): True},
        checked_in_at=dt.datetime(2016, 12, 7, 8, 30, tzinfo=dt.UTC),
        checked_in_by=volunteer,
    )
    Registration.objects.filter(pk=registration.pk).update(
        created_at=dt.datetime(2016, 4, 20, 10, 0, tzinfo=dt.UTC),
        confirmed_at=dt.datetime(2016, 4, 20, 10, 5, tzinfo=dt.UTC),
        consented_at=dt.datetime(2016, 4, 20, 10, 0, tzinfo=dt.UTC),
    )

    response = logged_in.get(EXPORT)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="registrations-ogp-launch.csv"'
    assert read(response) == [
        [
            "Registration code",
            "Status",
            "Category",
            "Name",
            "E-mail address",
            "Organisation",
            "Organisation type",
            "Country",
            "Language",
            "Registered at",
            "On the waiting list since",
            "Confirm before",
            "Confirmed at",
            "Cancelled at",
            "Checked in at",
            "Checked in by",
            "Consent version",
            "Consented at",
            "Transport",
            "Visa needed",
        ],
        [
            "ABCD2345",
            "Confirmed",
            "Civil society",
            "Zoé Dupont",
            "zoe@example.org",
            "Open Data Collective",
            "Civil society",
            "Senegal",
            "fr",
            "2016-04-20T12:00:00+02:00",
            "",
            "",
            "2016-04-20T12:05:00+02:00",
            "",
            "2016-12-07T09:30:00+01:00",
            "Door volunteer",
            "1",
            "2016-04-20T12:00:00+02:00",
            "By train",
            "Yes",
        ],
    ]


def test_labels_follow_the_organisers_language(client, setup):
    client.force_login(organiser_of(setup.event.summit))
    RegistrationQuestionFactory(setup=setup, label={"en": "Transport", "fr": "Moyen de transport"})

    response = client.get(EXPORT.replace("/en/", "/fr/"))

    assert read(response)[0][-1] == "Moyen de transport"


def test_the_export_follows_the_filters(logged_in, setup):
    RegistrationFactory(event=setup.event, name="Ada", status=Status.WAITING)
    RegistrationFactory(event=setup.event, name="Grace")
    RegistrationFactory(name="Another event")

    everyone = read(logged_in.get(EXPORT))
    waiting = read(logged_in.get(EXPORT, {"status": "waiting"}))

    assert [row[3] for row in everyone[1:]] == ["Ada", "Grace"]
    assert [row[3] for row in waiting[1:]] == ["Ada"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Open Data", "Open Data"),
        ("", ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_quoted(value, written):
    assert safe_cell(value) == written


def test_a_formula_typed_by_a_registrant_is_quoted_in_the_file(logged_in, setup):
    RegistrationFactory(event=setup.event, name="=1+1", organisation="@evil")

    row = read(logged_in.get(EXPORT))[1]

    assert (row[3], row[5]) == ("'=1+1", "'@evil")


def test_the_export_makes_a_constant_number_of_queries(logged_in, setup, django_assert_num_queries):
    RegistrationQuestionFactory(setup=setup)
    volunteer = UserFactory()
    RegistrationFactory(event=setup.event, checked_in_at=timezone.now(), checked_in_by=volunteer)
    # Session, user, roles, event, questions, registrations.
    with django_assert_num_queries(6):
        assert len(read(logged_in.get(EXPORT))) == 2
    RegistrationFactory.create_batch(
        2, event=setup.event, checked_in_at=timezone.now(), checked_in_by=volunteer
    )
    with django_assert_num_queries(6):
        assert len(read(logged_in.get(EXPORT))) == 4
