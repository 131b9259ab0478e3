import datetime as dt
import json

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from cosummit.summits.models import Role
from tests.accounts.factories import ApiTokenFactory, OutboxMessageFactory
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

JOINED = dt.datetime(2016, 4, 20, 9, 30, tzinfo=dt.UTC)


def export(client) -> dict:
    response = client.get("/en/profile/data.json")
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_export_is_a_json_attachment_that_is_not_cached(client):
    client.force_login(UserFactory())

    response = client.get("/en/profile/data.json")

    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="cosummit-personal-data-{today}.json"'
    )
    assert "no-store" in response["Cache-Control"]


def test_export_holds_the_profile_and_email_addresses(client):
    user = UserFactory(
        email="ana@example.org",
        name="Ana Lima",
        organisation="Transparência Brasil",
        organisation_type="civil_society",
        country="BR",
        preferred_language="en",
        bio="Open contracting.",
        date_joined=JOINED,
    )
    user.emailaddress_set.create(email="ana@work.example.org", verified=False, primary=False)
    client.force_login(user)

    data = export(client)

    user.refresh_from_db()
    assert data["profile"] == {
        "email": "ana@example.org",
        "name": "Ana Lima",
        "organisation": "Transparência Brasil",
        "organisation_type": "civil_society",
        "country": "BR",
        "preferred_language": "en",
        "bio": "Open contracting.",
        "date_joined": "2016-04-20T09:30:00+00:00",
        "last_login": user.last_login.isoformat(),
    }
    assert data["email_addresses"] == [
        {"email": "ana@example.org", "verified": True, "primary": True},
        {"email": "ana@work.example.org", "verified": False, "primary": False},
    ]


def test_export_holds_team_roles_tokens_and_authenticators_without_secrets(client, summit):
    user = UserFactory()
    membership = TeamMembershipFactory(user=user, summit=summit, role=Role.REVIEWER)
    token = ApiTokenFactory(user=user, name="Agenda sync")
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "SHOULD-NOT-LEAK"}
    )
    client.force_login(user)

    response = client.get("/en/profile/data.json")
    data = json.loads(response.content)

    assert data["team_roles"] == [
        {"summit": summit.slug, "role": "reviewer", "since": membership.created_at.isoformat()}
    ]
    assert data["api_tokens"] == [
        {"name": "Agenda sync", "created_at": token.created_at.isoformat(), "last_used_at": None}
    ]
    assert [entry["type"] for entry in data["two_factor_authenticators"]] == ["totp"]
    for secret in [token.token_hash, token.prefix, "SHOULD-NOT-LEAK", user.password]:
        assert secret not in response.text


def test_export_holds_the_mail_sent_to_any_of_the_person_s_addresses_only(client):
    user = UserFactory(email="ann@example.org")
    user.emailaddress_set.create(email="ann@work.example.org", verified=True, primary=False)
    OutboxMessageFactory(to=["Ann <ANN@example.org>"], subject="Your registration")
    OutboxMessageFactory(to=["someone@example.org"], cc=["ann@work.example.org"], subject="Copy")
    OutboxMessageFactory(to=["joann@example.org"], subject="Not hers: longer address")
    OutboxMessageFactory(to=["ann@example.org.evil"], subject="Not hers: other domain")
    OutboxMessageFactory(to=["someone@example.org"], subject="Not hers at all")
    client.force_login(user)

    data = export(client)

    assert [message["subject"] for message in data["emails_sent_to_you"]] == [
        "Your registration",
        "Copy",
    ]
    assert data["emails_sent_to_you"][1]["to"] == ["someone@example.org"]
    assert data["emails_sent_to_you"][1]["cc"] == ["ann@work.example.org"]


def test_export_never_shows_other_people_s_blind_copies(client):
    user = UserFactory(email="ann@example.org")
    OutboxMessageFactory(to=["ann@example.org"], bcc=["secret-observer@example.org"])
    client.force_login(user)

    response = client.get("/en/profile/data.json")

    assert "secret-observer@example.org" not in response.text
    assert len(json.loads(response.content)["emails_sent_to_you"]) == 1


def add_one_of_each(user, summit):
    TeamMembershipFactory(user=user, summit=summit, role=Role.REVIEWER)
    ApiTokenFactory(user=user)
    user.emailaddress_set.create(email=f"other.{user.pk}.{summit.pk}@example.org")
    OutboxMessageFactory(to=[user.email])


def test_export_makes_a_constant_number_of_queries(client, django_assert_num_queries, summit):
    user = UserFactory()
    # A person has at most one authenticator of each type.
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    add_one_of_each(user, summit)
    client.force_login(user)
    # Session, user, then e-mail addresses, team roles, tokens, authenticators, mail.
    with django_assert_num_queries(7):
        client.get("/en/profile/data.json")
    for _ in range(2):
        add_one_of_each(user, TeamMembershipFactory().summit)
    with django_assert_num_queries(7):
        response = client.get("/en/profile/data.json")
    data = json.loads(response.content)
    counts = [len(data[key]) for key in ["team_roles", "api_tokens", "emails_sent_to_you"]]
    assert counts == [3, 3, 3]
    assert len(data["email_addresses"]) == 4
