"""Organisers give access codes for late submissions: code, validity, uses, formats."""

import datetime as dt

import pytest

from cosummit.proposals.models import AccessCode
from tests.proposals.factories import SessionFormatFactory
from tests.summits.factories_extra import NON_ORGANISERS, make_person

pytestmark = pytest.mark.django_db


def codes_url(summit, tail=""):
    return f"/en/organise/{summit.slug}/call/access-codes/{tail}"


def code_data(**overrides):
    data = {"code": "LATE-2016", "valid_until": "2016-07-01T12:00", "max_uses": "3"}
    data.update(overrides)
    return data


@pytest.fixture
def organiser_client(client, call):
    client.force_login(make_person("organiser", call.summit))
    return client


def test_an_organiser_adds_a_code_for_some_formats(organiser_client, call):
    workshop = SessionFormatFactory(call=call)
    SessionFormatFactory(call=call)

    organiser_client.post(codes_url(call.summit, "new/"), code_data(formats=[workshop.pk]))

    code = AccessCode.objects.get()
    assert (code.code, code.valid_until, code.max_uses, code.uses) == (
        "LATE-2016",
        dt.datetime(2016, 7, 1, 10, 0, tzinfo=dt.UTC),
        3,
        0,
    )
    assert list(code.formats.all()) == [workshop]
    assert "LATE-2016" in organiser_client.get(codes_url(call.summit)).text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "late-2016"}, "Another access code of this call is the same."),
        ({"max_uses": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"valid_until": ""}, "This field is required."),
        ({"code": "   "}, "This field is required."),
    ],
)
def test_bad_codes_are_refused(organiser_client, call, overrides, message):
    AccessCode.objects.create(call=call, code="LATE-2016", valid_until=dt.datetime.now(dt.UTC))

    response = organiser_client.post(codes_url(call.summit, "new/"), code_data(**overrides))

    assert message in response.text
    assert AccessCode.objects.count() == 1


def test_an_organiser_changes_and_deletes_a_code(organiser_client, call):
    code = AccessCode.objects.create(
        call=call, code="A", valid_until=dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
    )

    organiser_client.post(codes_url(call.summit, f"{code.pk}/"), code_data(code="B"))
    code.refresh_from_db()
    changed = code.code
    organiser_client.post(codes_url(call.summit, f"{code.pk}/delete/"))

    assert changed == "B"
    assert AccessCode.objects.count() == 0


@pytest.mark.parametrize("kind", NON_ORGANISERS)
def test_only_organisers_manage_codes(client, call, kind):
    code = AccessCode.objects.create(
        call=call, code="KEPT", valid_until=dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
    )
    user = make_person(kind, call.summit)
    if user.is_authenticated:
        client.force_login(user)

    responses = [
        client.get(codes_url(call.summit)),
        client.post(codes_url(call.summit, "new/"), code_data()),
        client.post(codes_url(call.summit, f"{code.pk}/"), code_data()),
        client.post(codes_url(call.summit, f"{code.pk}/delete/")),
    ]

    expected = 302 if kind in ("anonymous", "inactive organiser") else 404
    assert {response.status_code for response in responses} == {expected}
    assert list(AccessCode.objects.values_list("code", flat=True)) == ["KEPT"]
