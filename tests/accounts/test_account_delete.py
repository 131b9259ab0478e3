import pytest
from allauth.account.models import EmailAddress

from cosummit.accounts.models import User
from cosummit.api.models import ApiToken
from cosummit.core.models import OutboxMessage
from cosummit.summits.models import Role, TeamMembership
from tests.accounts.factories import ApiTokenFactory, OutboxMessageFactory
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_delete_page_asks_for_the_current_password(client):
    client.force_login(UserFactory())

    response = client.get("/en/profile/delete/")

    assert response.status_code == 200
    assert '<label for="id_password">Your current password:</label>' in response.text
    assert "Delete my account for good</button>" in response.text


def test_deleting_with_the_right_password_removes_the_person_and_logs_out(client, summit):
    user = UserFactory(email="ann@example.org")
    TeamMembershipFactory(user=user, summit=summit, role=Role.REVIEWER)
    ApiTokenFactory(user=user)
    client.force_login(user)

    response = client.post("/en/profile/delete/", {"password": PASSWORD})

    assert (response.status_code, response["Location"]) == (302, "/en/")
    assert User.objects.filter(pk=user.pk).exists() is False
    assert EmailAddress.objects.filter(email="ann@example.org").exists() is False
    assert TeamMembership.objects.filter(summit=summit).exists() is False
    assert ApiToken.objects.exists() is False
    assert "_auth_user_id" not in client.session
    home = client.get("/en/")
    assert [str(message) for message in home.context["messages"]] == [
        "Your account and your personal data are deleted. Goodbye!"
    ]


def test_deleting_removes_the_mail_sent_only_to_the_person(client):
    user = UserFactory(email="ann@example.org")
    OutboxMessageFactory(to=["Ann <ann@example.org>"], subject="Only hers")
    OutboxMessageFactory(to=["ann@example.org", "bob@example.org"], subject="Shared")
    OutboxMessageFactory(to=["bob@example.org"], subject="Bob's")
    client.force_login(user)

    client.post("/en/profile/delete/", {"password": PASSWORD})

    assert sorted(OutboxMessage.objects.values_list("subject", flat=True)) == ["Bob's", "Shared"]


def test_a_wrong_password_deletes_nothing_and_says_why(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/en/profile/delete/", {"password": "not my password"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "password": ["This is not your current password. Your account was not deleted."]
    }
    assert User.objects.filter(pk=user.pk).exists() is True
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_last_organiser_of_a_summit_is_told_to_hand_over_the_role_first(client, organiser):
    client.force_login(organiser)
    summit = organiser.team_memberships.get().summit

    page = client.get("/en/profile/delete/")
    response = client.post("/en/profile/delete/", {"password": PASSWORD})

    for shown in [page, response]:
        assert shown.status_code == 200
        assert (
            "Your account cannot be deleted yet: you are the only organiser of this summit."
            in shown.text
        )
        assert f'<a href="/en/organise/{summit.slug}/team/">Team of {summit.name["en"]}</a>' in (
            shown.text
        )
        assert 'name="password"' not in shown.text
    assert User.objects.filter(pk=organiser.pk).exists() is True
    assert client.session["_auth_user_id"] == str(organiser.pk)


def test_an_organiser_who_shares_the_role_can_delete_their_account(client, organiser, summit):
    TeamMembershipFactory(summit=summit, role=Role.ORGANISER)
    client.force_login(organiser)

    response = client.post("/en/profile/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert User.objects.filter(pk=organiser.pk).exists() is False
    assert TeamMembership.objects.filter(summit=summit, role=Role.ORGANISER).count() == 1
