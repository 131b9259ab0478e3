"""Decisions: pending until applied together, their e-mails, and the speakers' replies.

Organisers, and conveners for their tracks, set a pending decision per
proposal (accept, reject, wait-list) and change it freely; applying the
pending decisions writes one e-mail per speaker from the summit's templates,
held in the outbox so that the organisers read them before sending. An
applied accept or reject is final; an applied wait-list may still become an
accept or a reject, as a new pending decision. Accepted speakers confirm or
decline through the link in their e-mail before the deadline; a confirmed
proposal becomes a session of the programme.
"""

import logging
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cosummit.core.i18n import TranslatedText, language_codes
from cosummit.core.mail import HOLD_HEADER, SUMMIT_HEADER, site_url
from cosummit.programme.domain import create_session_from_proposal
from cosummit.proposals.models import Proposal, Speaker
from cosummit.summits.models import Summit

from . import decision_queries, queries
from .models import Decision, DecisionTemplate, Outcome

logger = logging.getLogger(__name__)

# Placeholders an organiser may write in a decision e-mail, with what each becomes.
PLACEHOLDERS = {
    "name": gettext_lazy("the speaker’s name"),
    "title": gettext_lazy("the proposal’s title"),
    "summit": gettext_lazy("the summit’s name"),
    "reply_url": gettext_lazy(
        "the link where an accepted speaker confirms or declines (accepted proposals only)"
    ),
    "reply_by": gettext_lazy("the date and time by which to reply (accepted proposals only)"),
}
PLACEHOLDER_PATTERN = re.compile(r"\{([^{}]*)\}")


# Default e-mails, translated with the site's catalogue when they are created.

DEFAULT_SUBJECTS = {
    Outcome.ACCEPT: gettext_lazy("Your proposal “{title}” is accepted for {summit}"),
    Outcome.REJECT: gettext_lazy("Your proposal “{title}” for {summit}"),
    Outcome.WAITLIST: gettext_lazy("Your proposal “{title}” is on the waiting list for {summit}"),
}
DEFAULT_BODIES = {
    Outcome.ACCEPT: gettext_lazy(
        "Hello {name},\n"
        "\n"
        "We are glad to tell you that your proposal “{title}” is accepted for {summit}.\n"
        "\n"
        "Please confirm that you will hold this session, or tell us that you cannot, "
        "before {reply_by}, through this link:\n"
        "{reply_url}\n"
        "\n"
        "Without an answer by then, your place may be offered to another session. "
        "The organisers will write to you about the schedule and the practical details "
        "once you have confirmed.\n"
        "\n"
        "Thank you for answering the call for proposals.\n"
        "\n"
        "The organisers of {summit}"
    ),
    Outcome.REJECT: gettext_lazy(
        "Hello {name},\n"
        "\n"
        "Thank you for proposing “{title}” for {summit}. We received many more proposals "
        "than the programme can hold, and we are sorry to tell you that yours could not be "
        "selected.\n"
        "\n"
        "We hope to see you at the summit all the same, and we thank you for the time and "
        "care you put into your proposal.\n"
        "\n"
        "The organisers of {summit}"
    ),
    Outcome.WAITLIST: gettext_lazy(
        "Hello {name},\n"
        "\n"
        "Thank you for proposing “{title}” for {summit}. Your proposal is on our waiting "
        "list: we cannot accept it yet, but we will write to you again if a place opens in "
        "the programme.\n"
        "\n"
        "You do not need to do anything for now.\n"
        "\n"
        "The organisers of {summit}"
    ),
}


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders in `text` that are not known, in the order they appear."""
    found = [name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS]
    return list(dict.fromkeys(found))


def check_template_texts(outcome: str, *, subject: dict, body: dict) -> None:
    """Raise ValidationError, per field, when a text has an unknown placeholder.

    The accept e-mail must also give the reply link in each of its languages,
    since accepted speakers confirm through it.
    """
    errors: dict[str, list[str]] = {}
    for field, texts in (("subject", subject), ("body", body)):
        unknown = []
        for text in texts.values():
            unknown += unknown_placeholders(text)
        if unknown:
            errors.setdefault(field, []).append(
                _("Unknown placeholder: %(unknown)s. Use only %(known)s.")
                % {
                    "unknown": ", ".join(f"{{{name}}}" for name in dict.fromkeys(unknown)),
                    "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                }
            )
    if outcome == Outcome.ACCEPT:
        missing = [code for code, text in body.items() if text and "{reply_url}" not in text]
        if missing:
            errors.setdefault("body", []).append(
                _("Give accepted speakers the link to reply: write {reply_url} in each language.")
            )
    if errors:
        raise ValidationError(errors)


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known placeholder replaced; anything else is left as written."""
    return PLACEHOLDER_PATTERN.sub(lambda match: values.get(match.group(1), match.group(0)), text)


# Templates


def default_template(summit: Summit, outcome: str) -> DecisionTemplate:
    """The default e-mail for `outcome`, in every language of the site, not saved."""
    subject, body = {}, {}
    for code in language_codes():
        with translation.override(code):
            subject[code] = str(DEFAULT_SUBJECTS[outcome])
            body[code] = str(DEFAULT_BODIES[outcome])
    return DecisionTemplate(summit=summit, outcome=outcome, subject=subject, body=body)


def current_templates(summit: Summit) -> dict[str, DecisionTemplate]:
    """The summit's decision e-mails by outcome, the unsaved defaults where missing.

    A read: nothing is written.
    """
    existing = {
        template.outcome: template for template in DecisionTemplate.objects.filter(summit=summit)
    }
    return {
        outcome: existing.get(outcome) or default_template(summit, outcome)
        for outcome in Outcome.values
    }


def default_templates(summit: Summit) -> dict[str, DecisionTemplate]:
    """The summit's decision e-mails by outcome, the default ones created where missing.

    Side effects: a DecisionTemplate row is written for each outcome the
    summit has none for, in every language of the site.
    """
    templates = current_templates(summit)
    for outcome, template in templates.items():
        if template.pk is None:
            templates[outcome], _created = DecisionTemplate.objects.get_or_create(
                summit=summit,
                outcome=outcome,
                defaults={"subject": template.subject, "body": template.body},
            )
    return templates


def save_decision_template(
    summit: Summit, outcome: str, *, subject: dict, body: dict, by
) -> DecisionTemplate:
    """Change the e-mail sent for `outcome`.

    Raises ValidationError for an unknown outcome, an empty text or an
    unknown placeholder; nothing changes then. Side effects: the
    DecisionTemplate row is written (created with the defaults first when
    missing); a log line names who changed it.
    """
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose accept, reject or wait-list."))
    subject, body = TranslatedText(subject), TranslatedText(body)
    if not subject or not body:
        raise ValidationError(_("Write the subject and the text in at least one language."))
    check_template_texts(outcome, subject=subject, body=body)
    template = default_templates(summit)[outcome]
    template.subject = subject
    template.body = body
    template.save(update_fields=["subject", "body"])
    logger.info(
        "Summit %s: the %s e-mail changed by user %s", summit.pk, outcome, getattr(by, "pk", None)
    )
    return template


# Setting decisions


def _check_outcome(outcome: str) -> None:
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose accept, reject or wait-list."))


def set_decision(proposal: Proposal, *, outcome: str, by) -> Decision:
    """Make `outcome` the proposal's pending decision.

    The caller fetched `proposal` through `queries.get_proposal_for_decider`.
    A pending decision is changed; an applied wait-list becomes a new pending
    decision (accept or reject; wait-list again changes nothing). Raises
    ValidationError for an unknown outcome or an applied accept or reject,
    which is final. Side effects: the Decision row is written, pending, with
    who decided.
    """
    _check_outcome(outcome)
    with transaction.atomic():
        decision = _locked_decision(proposal)
        if decision is None:
            return Decision.objects.create(proposal=proposal, outcome=outcome, decided_by=by)
        if not decision.is_pending:
            if decision.outcome != Outcome.WAITLIST:
                raise ValidationError(
                    _(
                        "The speakers were told already that this proposal is %(outcome)s: "
                        "the decision is final."
                    )
                    % {"outcome": _outcome_in_sentence(decision.outcome)}
                )
            if outcome == Outcome.WAITLIST:
                return decision
            decision.applied_at = None
            decision.reply_by = None
        decision.outcome = outcome
        decision.decided_by = by
        decision.save(
            update_fields=["outcome", "decided_by", "decided_at", "applied_at", "reply_by"]
        )
    return decision


def _locked_decision(proposal: Proposal) -> Decision | None:
    """The proposal's decision, locked; the proposal is locked first, so that two
    deciders creating its first decision at the same moment take turns."""
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    return Decision.objects.select_for_update().filter(proposal=proposal).first()


def _outcome_in_sentence(outcome: str) -> str:
    return {
        Outcome.ACCEPT: _("accepted"),
        Outcome.REJECT: _("not selected"),
        Outcome.WAITLIST: _("on the waiting list"),
    }[outcome]


def clear_decision(proposal: Proposal) -> bool:
    """Take back the proposal's pending decision; say whether there was one.

    Raises ValidationError when the decision was applied already. Side
    effects: the pending Decision row is deleted, or, when the speakers were
    told earlier that the proposal is on the waiting list, it is that applied
    wait-list again.
    """
    with transaction.atomic():
        decision = _locked_decision(proposal)
        if decision is None:
            return False
        if not decision.is_pending:
            raise ValidationError(
                _("This decision was applied already: it can no longer be taken back.")
            )
        if decision.waitlisted_at is None:
            decision.delete()
            return True
        decision.outcome = Outcome.WAITLIST
        decision.applied_at = decision.waitlisted_at
        decision.save(update_fields=["outcome", "applied_at"])
    return True


def decide_together(proposals, *, outcome: str | None, by) -> int:
    """The same pending decision for every one of `proposals`, or for none.

    `outcome` None takes the pending decisions back. Raises ValidationError,
    naming the first proposal refused, and writes nothing when any of them
    cannot change. Side effects, in one transaction: each proposal's decision
    as in `set_decision` or `clear_decision`. Returns the number of proposals.
    """
    proposals = list(proposals)
    with transaction.atomic():
        for proposal in proposals:
            try:
                if outcome is None:
                    clear_decision(proposal)
                else:
                    set_decision(proposal, outcome=outcome, by=by)
            except ValidationError as error:
                raise ValidationError(
                    _("Nothing was changed. “%(title)s”: %(problem)s")
                    % {"title": proposal, "problem": " ".join(error.messages)}
                ) from error
    return len(proposals)


# Applying decisions


def apply_decisions(summit: Summit, *, by, scope=None, now: datetime | None = None) -> int:
    """Apply every pending decision in `scope` (None: every track) together; return how many.

    Side effects, in order, in one transaction: the summit's default decision
    e-mails are created when it has none; each pending decision is marked
    applied, and accepted ones get their reply deadline (now plus the
    summit's reply days); one e-mail per speaker of each proposal, in the
    speaker's language, is stored in the outbox HELD, tagged with the summit,
    for the organisers to check and send; a log line says who applied how many.
    """
    now = now or timezone.now()
    reply_days = queries.review_settings(summit).reply_days
    with transaction.atomic():
        templates = default_templates(summit)
        decisions = list(
            decision_queries.pending_decisions(summit, scope)
            .select_for_update(of=("self",))
            .select_related("proposal")
            .prefetch_related(
                Prefetch(
                    "proposal__speaker_set",
                    queryset=Speaker.objects.select_related("user").order_by("position", "pk"),
                )
            )
            .order_by("pk")
        )
        for decision in decisions:
            decision.applied_at = now
            if decision.outcome == Outcome.ACCEPT:
                decision.reply_by = now + timedelta(days=reply_days)
            if decision.outcome == Outcome.WAITLIST:
                decision.waitlisted_at = now
        Decision.objects.bulk_update(decisions, ["applied_at", "reply_by", "waitlisted_at"])
        messages = [
            decision_email(decision, speaker.user, templates[decision.outcome], summit=summit)
            for decision in decisions
            for speaker in decision.proposal.speaker_set.all()
        ]
        if messages:
            mailers.default.send_messages(messages)
    logger.info(
        "Summit %s: %s decisions applied by user %s; %s e-mails held",
        summit.pk,
        len(decisions),
        getattr(by, "pk", None),
        len(messages),
    )
    return len(decisions)


def language_for(user, proposal: Proposal) -> str:
    """The language to write to a speaker in: theirs, else the proposal's, else the site's."""
    codes = language_codes()
    for code in (user.preferred_language, proposal.language):
        if code in codes:
            return code
    return settings.LANGUAGE_CODE


def title_in(proposal: Proposal, language: str) -> str:
    if proposal.other_language == language and proposal.other_title:
        return proposal.other_title
    return proposal.title


def reply_url(decision: Decision, summit: Summit, language: str) -> str:
    return site_url("review_decisions:reply", language, summit=summit.slug, token=decision.token)


def decision_email(
    decision: Decision, user, template: DecisionTemplate, *, summit: Summit
) -> EmailMultiAlternatives:
    """The e-mail telling `user`, a speaker, the decision on their proposal, to be held."""
    proposal = decision.proposal
    language = language_for(user, proposal)
    values = {
        "name": user.name or user.email,
        "title": title_in(proposal, language),
        "summit": summit.name.localize(language).text,
        "reply_url": "",
        "reply_by": "",
    }
    if decision.outcome == Outcome.ACCEPT:
        values["reply_url"] = reply_url(decision, summit, language)
        with translation.override(language):
            deadline = timezone.localtime(decision.reply_by, summit.tz)
            values["reply_by"] = "{} ({})".format(
                formats.date_format(deadline, "DATETIME_FORMAT"), summit.tz.key
            )
    subject = fill(template.subject.localize(language).text, values)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=fill(template.body.localize(language).text, values),
        to=[user.email],
        headers={SUMMIT_HEADER: summit.slug, HOLD_HEADER: "1"},
    )


# Speakers' replies


def reply_to_decision(decision: Decision, *, user, confirm: bool, now=None) -> Decision:
    """Record an accepted speaker's answer: they confirm the session or decline it.

    The caller fetched `decision` through `queries.get_decision_for_speaker`.
    Raises ValidationError when `user` is not a speaker of the proposal, the
    proposal is not accepted, the deadline has passed, or someone replied
    already; nothing changes then. Side effects, in order: the Decision row
    is written with the reply, when and by whom; on confirmation, the
    proposal's session is created for the programme.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Decision.objects.select_for_update().select_related("proposal").get(pk=decision.pk)
        if not Speaker.objects.filter(proposal_id=locked.proposal_id, user=user).exists():
            raise ValidationError(_("Only the proposal’s speakers may answer."))
        if locked.is_pending or locked.outcome != Outcome.ACCEPT:
            raise ValidationError(_("Only an accepted proposal is confirmed or declined."))
        if locked.reply:
            raise ValidationError(already_replied(locked))
        if locked.reply_by is not None and now > locked.reply_by:
            raise ValidationError(
                _("The deadline to answer has passed. Please write to the organisers.")
            )
        locked.reply = Decision.Reply.CONFIRMED if confirm else Decision.Reply.DECLINED
        locked.replied_at = now
        locked.replied_by = user
        locked.save(update_fields=["reply", "replied_at", "replied_by"])
        if confirm:
            create_session_from_proposal(locked.proposal)
    decision.refresh_from_db()
    return decision


def already_replied(decision: Decision) -> str:
    if decision.reply == Decision.Reply.CONFIRMED:
        return _("This session was confirmed already; the answer cannot change here.")
    return _("This session was declined already; the answer cannot change here.")
