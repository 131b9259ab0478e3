"""A new user proposes a session in French with a co-speaker; the public discusses it.

Amina signs up on the French site and confirms her address from the mail,
writes her proposal through every step of the form and invites Jean, who opens
the link of his mail, logs in and accepts. Léa supports the proposal and
comments; Marc reports the comment; a moderator, who is not an organiser, finds
the queue from her profile and hides the comment, which the proposal's page
then no longer shows.

Mail goes to `django.core.mail.outbox`, which the live server shares with the
test. The French catalogue is still being filled in, so the test reads what
does not depend on it: addresses under /fr/, `lang="fr"`, form fields by name,
links by address, and the rows in the database.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from cosummit.accounts.models import User
from cosummit.proposals.discussion import send_digests
from cosummit.proposals.models import (
    Comment,
    Follow,
    Invitation,
    ModerationAction,
    Proposal,
    Report,
    Speaker,
    State,
    Support,
)
from cosummit.summits.models import Role
from tests.e2e.proposal_site import open_call, track_of, workshop_of
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.e2e

AMINA = {"name": "Amina Kouyaté", "email": "amina.kouyate@example.org"}
PASSWORD = "des lanternes sur la Seine 2016"
JEAN_PASSWORD = "correct horse battery staple"  # UserFactory's password.
CONFIRMATION_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")
INVITATION_LINK = re.compile(r"https?://\S+/proposals/invitations/[\w-]+/")
TITLE = "Ouvrir les budgets des communes, ligne par ligne"
COMMENT = "Pourriez-vous comparer avec les budgets des départements ?"


def path_in(message, pattern: re.Pattern) -> str:
    """The path of the one link matching `pattern` in a mail (links name the public site)."""
    links = pattern.findall(message.body)
    assert len(links) == 1, message.body
    return urlsplit(links[0]).path


def proposal_page(base: str) -> re.Pattern:
    """The proposal's page, perhaps showing a comment or scrolled to a part of it."""
    return re.compile(rf"{re.escape(base)}(\?comment=\d+)?(#[\w-]+)?$")


def is_french(page) -> bool:
    return page.locator("html").get_attribute("lang") == "fr"


def save_and_continue(page, base: str, next_step: str, live_server) -> None:
    page.locator("main form button[name=go][value=next]").click()
    page.wait_for_url(f"{live_server.url}{base}edit/{next_step}/")
    assert is_french(page)


def test_a_new_user_proposes_in_french_a_co_speaker_joins_the_public_discusses_and_a_moderator_hides_a_comment(  # noqa: E501
    new_context, log_in, live_server, summit_site
):
    summit = summit_site.summit
    call = open_call(summit_site)
    workshop, track = workshop_of(call), track_of(call, "open-data")
    question = call.questions.get()
    jean = UserFactory(email="jean.dupont@example.org", name="Jean Dupont", preferred_language="fr")
    proposals = f"/fr/{summit.slug}/proposals/"

    # Amina finds the call on the summit's French page; writing a proposal needs an account.
    amina_page = new_context(locale="fr-FR").new_page()
    amina_page.goto(f"/fr/{summit.slug}/")
    assert is_french(amina_page)
    amina_page.locator(f"main a[href='{proposals}mine/']").click()
    amina_page.wait_for_url(re.compile(r"/fr/accounts/login/\?next="))
    amina_page.locator("main a[href^='/fr/accounts/signup/']").click()
    amina_page.wait_for_url(re.compile(r"/fr/accounts/signup/"))
    assert is_french(amina_page)
    form = amina_page.locator("main form")
    form.locator("[name=name]").fill(AMINA["name"])
    form.locator("[name=email]").fill(AMINA["email"])
    form.locator("[name=password1]").fill(PASSWORD)
    form.locator("[name=password2]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    amina_page.wait_for_url(f"{live_server.url}/fr/accounts/confirm-email/")
    assert [message.to for message in mail.outbox] == [[AMINA["email"]]]
    amina_page.goto(path_in(mail.outbox[0], CONFIRMATION_LINK))
    assert is_french(amina_page)
    amina_page.locator("main form button[type=submit]").click()
    # Confirming logs her in and takes her where she was going: her proposals.
    amina_page.wait_for_url(f"{live_server.url}{proposals}mine/")
    amina = User.objects.get(email=AMINA["email"])
    assert (amina.name, amina.preferred_language) == (AMINA["name"], "fr")
    assert amina.emailaddress_set.get().verified

    # Step 1, format and track: saving it creates the draft.
    amina_page.locator(f"main a[href='{proposals}new/']").click()
    amina_page.wait_for_url(f"{live_server.url}{proposals}new/")
    assert is_french(amina_page)
    form = amina_page.locator("main form")
    form.locator(f"input[name=format][value='{workshop.pk}']").check()
    form.locator("[name=duration]").fill("60")
    form.locator(f"input[name=track][value='{track.pk}']").check()
    form.locator("[name=language]").select_option("fr")
    form.locator("[name=session_language]").select_option("fr")
    form.locator("button[type=submit]").click()
    amina_page.wait_for_url(re.compile(rf"{re.escape(proposals)}\d+/edit/text/$"))
    proposal = Proposal.objects.get()
    base = f"{proposals}{proposal.pk}/"
    assert (proposal.state, proposal.created_by, proposal.format, proposal.track) == (
        State.DRAFT,
        amina,
        workshop,
        track,
    )

    # Step 2, title and text, with the title and abstract in English too.
    form = amina_page.locator("main form[data-autosave]")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=abstract]").fill(
        "Comment trois communes publient leur budget en données ouvertes, et ce qui a changé."
    )
    form.locator("[name=description]").fill(
        "## Déroulé\n\n- Présentation\n- Atelier en **petits groupes**"
    )
    form.locator("[name=other_language]").select_option("en")
    form.locator("[name=other_title]").fill("Opening municipal budgets, line by line")
    form.locator("[name=other_abstract]").fill(
        "How three towns publish their budget as open data, and what changed."
    )
    save_and_continue(amina_page, base, "organisations", live_server)

    # Step 3, organisations and audience: a government and a civil-society organisation.
    form = amina_page.locator("main form[data-autosave]")
    form.locator("[name='organisations-0-name']").fill("Ville de Rivebelle")
    form.locator("[name='organisations-0-organisation_type']").select_option("government")
    form.locator("[name='organisations-0-country']").select_option("FR")
    form.locator("[name='organisations-1-name']").fill("Budgets Ouverts Sénégal")
    form.locator("[name='organisations-1-organisation_type']").select_option("civil_society")
    form.locator("[name='organisations-1-country']").select_option("SN")
    form.locator("[name=expected_audience]").fill("40")
    form.locator("[name=audience_description]").fill("Élus locaux et associations")
    form.locator("input[name=interpretation][value=en]").check()
    save_and_continue(amina_page, base, "questions", live_server)

    # Step 4, the organisers' question.
    amina_page.locator(f"main [name='question_{question.pk}']").fill(
        "Publier un budget lisible en une semaine."
    )
    save_and_continue(amina_page, base, "speakers", live_server)

    # Step 5, co-speakers: Jean is invited by e-mail.
    form = amina_page.locator(f"main form[action='{base}speakers/invite/']")
    form.locator("[name=email]").fill(jean.email)
    form.locator("button[type=submit]").click()
    amina_page.wait_for_url(f"{live_server.url}{base}edit/speakers/")
    expect(amina_page.get_by_role("main")).to_contain_text(jean.email)
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.status, invitation.invited_by) == (
        jean.email,
        Invitation.Status.PENDING,
        amina,
    )

    # Step 6, review and submit.
    amina_page.locator(f"main a[href='{base}edit/review/']").last.click()
    amina_page.wait_for_url(f"{live_server.url}{base}edit/review/")
    assert is_french(amina_page)
    expect(amina_page.locator("main .missing")).to_have_count(0)
    amina_page.locator(f"main form[action='{base}submit/'] button[type=submit]").click()
    amina_page.wait_for_url(f"{live_server.url}{proposals}mine/")
    expect(amina_page.locator(f"main a[href='{base}']")).to_have_text(TITLE)
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED
    assert (proposal.title, proposal.language, proposal.other_language) == (TITLE, "fr", "en")
    assert (proposal.duration, proposal.session_language, proposal.interpretation) == (
        60,
        "fr",
        ["en"],
    )
    assert proposal.is_co_led
    assert list(proposal.organisations.values_list("name", "organisation_type", "country")) == [
        ("Ville de Rivebelle", "government", "FR"),
        ("Budgets Ouverts Sénégal", "civil_society", "SN"),
    ]
    assert proposal.answers == {str(question.pk): "Publier un budget lisible en une semaine."}
    # Browsers send the lines of a text area separated by CR LF.
    assert proposal.description.splitlines() == [
        "## Déroulé",
        "",
        "- Présentation",
        "- Atelier en **petits groupes**",
    ]
    assert [message.to for message in mail.outbox] == [
        [AMINA["email"]],  # Confirm the address.
        [jean.email],  # The invitation.
        [AMINA["email"]],  # The acknowledgement.
    ]

    # Jean opens the invitation from his mail, logs in and accepts.
    jean_page = new_context(locale="fr-FR").new_page()
    invitation_path = path_in(mail.outbox[1], INVITATION_LINK)
    assert invitation_path == f"{proposals}invitations/{invitation.token}/"
    jean_page.goto(invitation_path)
    assert is_french(jean_page)
    jean_page.locator("main a[href^='/fr/accounts/login/']").click()
    form = jean_page.get_by_role("main").locator("form")
    form.locator("[autocomplete=email]").fill(jean.email)
    form.locator("[autocomplete=current-password]").fill(JEAN_PASSWORD)
    form.locator("[type=submit]").click()
    jean_page.wait_for_url(f"{live_server.url}{invitation_path}")
    assert is_french(jean_page)
    jean_page.locator("main form button[name=answer][value=accept]").click()
    jean_page.wait_for_url(f"{live_server.url}{base}edit/review/")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert list(proposal.speaker_set.values_list("user", "is_author")) == [
        (amina.pk, True),
        (jean.pk, False),
    ]
    # Both speakers follow the proposal: their daily digest tells them of its discussion.
    assert set(Follow.objects.filter(proposal=proposal).values_list("user", flat=True)) == {
        amina.pk,
        jean.pk,
    }

    # Léa reads the proposal in French, supports it and comments.
    lea = UserFactory(name="Léa Martin", preferred_language="fr")
    lea_page = new_context(locale="fr-FR").new_page()
    log_in(lea_page.context, lea)
    lea_page.goto(base)
    assert is_french(lea_page)
    expect(lea_page.locator("main h1#proposal-title")).to_have_text(TITLE)
    with lea_page.expect_navigation(url=proposal_page(base)):
        lea_page.locator(f"main form[action='{base}support/'] button[type=submit]").click()
    expect(lea_page.locator(f"main form[action='{base}support/withdraw/']")).to_have_count(1)
    lea_page.locator("main textarea#new-comment").fill(COMMENT)
    with lea_page.expect_navigation(url=proposal_page(base)):
        lea_page.locator(f"main form[action='{base}comments/'] button[type=submit]").click()
    comment_box = lea_page.locator("main .comment__body .prose")
    expect(comment_box).to_have_text(COMMENT)
    comment = Comment.objects.get()
    proposal.refresh_from_db()
    assert (comment.author, comment.body, comment.depth) == (lea, COMMENT, 1)
    assert list(Support.objects.values_list("proposal", "user")) == [(proposal.pk, lea.pk)]
    assert (proposal.supports_count, proposal.comments_count) == (1, 1)

    # The speakers' daily digest tells them of the support and the comment.
    mail.outbox.clear()
    assert send_digests(now=timezone.now()) == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([amina.email, jean.email])
    assert all(COMMENT in message.body for message in mail.outbox)

    # Marc reports the comment to the moderators.
    marc = UserFactory(name="Marc Petit", preferred_language="fr")
    marc_page = new_context(locale="fr-FR").new_page()
    log_in(marc_page.context, marc)
    marc_page.goto(base)
    report_path = f"{base}comments/{comment.pk}/report/"
    marc_page.locator(f"main a[href='{report_path}']").click()
    marc_page.wait_for_url(f"{live_server.url}{report_path}")
    assert is_french(marc_page)
    marc_page.locator("main input[name=reason][value=off_topic]").check()
    marc_page.locator("main [name=note]").fill("Hors sujet pour cette session.")
    marc_page.locator("main form button[type=submit]").click()
    marc_page.wait_for_url(proposal_page(base))
    report = Report.objects.get()
    assert (report.comment, report.reporter, report.reason, report.resolved_at) == (
        comment,
        marc,
        "off_topic",
        None,
    )
    comment.refresh_from_db()
    # One report of three does not hide the comment: a moderator decides.
    assert (comment.reports_count, comment.hidden_at) == (1, None)

    # A moderator, not an organiser, reaches the queue from her profile and hides the comment.
    moderator = TeamMembershipFactory(
        summit=summit,
        role=Role.MODERATOR,
        user=UserFactory(name="Awa Diallo", preferred_language="fr"),
    ).user
    moderator_page = new_context(locale="fr-FR").new_page()
    log_in(moderator_page.context, moderator)
    moderator_page.goto("/fr/profile/")
    moderator_page.locator(f"main a[href='{proposals}moderation/']").click()
    moderator_page.wait_for_url(f"{live_server.url}{proposals}moderation/")
    assert is_french(moderator_page)
    expect(moderator_page.locator("main .moderation-reports")).to_contain_text(
        "Hors sujet pour cette session."
    )
    hide = moderator_page.locator(
        f"main form[action='{proposals}moderation/comments/{comment.pk}/hide/']"
    )
    hide.locator("[name=reason]").fill("Hors sujet")
    with moderator_page.expect_navigation(url=f"{live_server.url}{proposals}moderation/"):
        hide.locator("button[type=submit]").click()
    expect(moderator_page.locator(".messages .message--success")).to_have_count(1)
    comment.refresh_from_db()
    report.refresh_from_db()
    proposal.refresh_from_db()
    assert comment.hidden_at is not None
    assert report.resolved_at is not None
    assert proposal.comments_count == 0
    assert list(
        ModerationAction.objects.values_list("action", "moderator", "comment", "reason")
    ) == [("hide", moderator.pk, comment.pk, "Hors sujet")]

    # The proposal's page keeps the comment's place but no longer shows its text.
    lea_page.goto(base)
    assert is_french(lea_page)
    expect(lea_page.locator(f"#comment-{comment.pk} .comment__gone")).to_have_count(1)
    expect(lea_page.locator(f"#comment-{comment.pk} .comment__body")).to_have_count(0)
    expect(lea_page.get_by_role("main")).not_to_contain_text(COMMENT)
    assert Speaker.objects.filter(proposal=proposal).count() == 2
