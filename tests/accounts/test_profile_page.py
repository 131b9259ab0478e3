import pytest

from cosummit.summits.models import Role
from tests.accounts.html import headings, main_of
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_profile_shows_the_person_and_links_to_every_account_action(client):
    user = UserFactory(
        name="Ana Lima",
        organisation="Transparência Brasil",
        organisation_type="civil_society",
        country="BR",
        preferred_language="en",
        bio="Open contracting.",
    )
    client.force_login(user)

    response = client.get("/en/profile/")

    main = main_of(response.text)
    for fact in [
        "<dd>Ana Lima</dd>",
        f"<dd>{user.email}</dd>",
        "<dd>Transparência Brasil</dd>",
        "<dd>Civil society</dd>",
        "<dd>Brazil</dd>",
        "<dd>English</dd>",
        "<dd>Open contracting.</dd>",
    ]:
        assert fact in main
    for link in [
        '<a class="button" href="/en/profile/edit/">Edit my profile</a>',
        '<a href="/en/accounts/email/">Change my e-mail address</a>',
        '<a href="/en/accounts/password/change/">Change my password</a>',
        '<a href="/en/accounts/2fa/">Two-factor authentication</a>',
        '<a href="/en/api-tokens/">API tokens</a>',
        'href="/en/profile/data.json" download>Download my data</a>',
        '<a class="button button--danger" href="/en/profile/delete/">Delete my account</a>',
    ]:
        assert link in main
    assert headings(response.text) == [
        "h1 My profile",
        "h2 Log-in and security",
        "h2 My data",
        "h2 Delete my account",
    ]


def test_profile_lists_the_team_roles_of_the_person(client, summit):
    membership = TeamMembershipFactory(summit=summit, role=Role.REVIEWER)
    client.force_login(membership.user)

    response = client.get("/en/profile/")

    assert f"<li>Reviewer of {summit.name['en']}</li>" in response.text
    assert "h2 My roles in summit teams" in headings(response.text)


def test_profile_page_makes_a_constant_number_of_queries(client, django_assert_num_queries, summit):
    user = UserFactory()
    TeamMembershipFactory(user=user, summit=summit)
    client.force_login(user)
    # Session, user, team roles with their summits.
    with django_assert_num_queries(3):
        client.get("/en/profile/")
    TeamMembershipFactory(user=user, role=Role.REVIEWER, summit=summit)
    TeamMembershipFactory(user=user, role=Role.MODERATOR)
    with django_assert_num_queries(3):
        client.get("/en/profile/")
