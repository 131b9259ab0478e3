"""Writes to the call for proposals, proposals, speakers and invitations.

Views, the API and commands call these functions. Permissions are checked
before, by the helpers of `queries.py`, and input by the forms; the rules that
depend on other rows (deadlines, access codes, limits per person, places for
co-speakers) are checked here, under a lock of the row they count against, and
broken rules raise `ProposalError` with a translated message.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cosummit.accounts.models import OrganisationType
from cosummit.core.domain import apply_changes
from cosummit.core.mail import language_of, send_templated, site_url
from cosummit.core.text import normalise
from cosummit.summits.models import Summit

from .discussion import follow
from .models import (
    AccessCode,
    Call,
    Invitation,
    Proposal,
    ProposalOrganisation,
    SessionFormat,
    Speaker,
    State,
)

logger = logging.getLogger(__name__)

# The fields each step of the proposal form writes.
PROPOSAL_FIELDS = (
    "format",
    "track",
    "language",
    "session_language",
    "duration",
    "title",
    "abstract",
    "description",
    "other_language",
    "other_title",
    "other_abstract",
    "expected_audience",
    "audience_description",
    "interpretation",
)


class ProposalError(Exception):
    """A rule of the call refuses the change; `messages` say why, translated."""

    def __init__(self, *messages: str):
        super().__init__(*messages)
        self.messages = list(messages)


# Deadlines


def deadline_of(call: Call, session_format: SessionFormat | None):
    """When submissions close for `session_format`: its own deadline, else the call's."""
    if session_format is not None and session_format.closes_at is not None:
        return session_format.closes_at
    return call.closes_at


def has_opened(call: Call, *, now=None) -> bool:
    now = now or timezone.now()
    return call.opens_at is None or call.opens_at <= now


def is_before_deadline(call: Call, session_format: SessionFormat | None, *, now=None) -> bool:
    now = now or timezone.now()
    deadline = deadline_of(call, session_format)
    return deadline is None or now < deadline


def is_accepting(call: Call, session_format: SessionFormat | None, *, now=None) -> bool:
    """Whether proposals of `session_format` may be submitted now without a code."""
    return has_opened(call, now=now) and is_before_deadline(call, session_format, now=now)


def access_code_problem(
    code: AccessCode | None, session_format: SessionFormat | None, *, now=None
) -> str:
    """Why `code` cannot be used for `session_format` now, or "" when it can."""
    now = now or timezone.now()
    if code is None:
        return _("This access code is not valid for this call.")
    if code.valid_until <= now:
        return _("This access code has expired.")
    if code.uses >= code.max_uses:
        return _("This access code has been used as many times as allowed.")
    if session_format is not None:
        allowed = list(code.formats.all())
        if allowed and session_format not in allowed:
            return _("This access code is not valid for this format.")
    return ""


def find_access_code(call: Call, text: str) -> AccessCode | None:
    return AccessCode.objects.filter(call=call, code__iexact=text.strip()).first()


def current_review_phase(call: Call, *, now):
    """The review phase on at `now`.

    The summit's phases are read once per call object, or taken from the
    summit when a list prefetched them (`summit__review_phases`).
    """
    if "_review_phases" not in call.__dict__:
        summit = call.summit if Call.summit.is_cached(call) else None
        if summit is not None and "review_phases" in getattr(
            summit, "_prefetched_objects_cache", {}
        ):
            phases = list(summit.review_phases.all())
        else:
            from cosummit.review.models import Phase

            phases = list(Phase.objects.filter(summit_id=call.summit_id))
        call.__dict__["_review_phases"] = phases
    return next(
        (phase for phase in call._review_phases if phase.starts_at <= now < phase.ends_at), None
    )


def may_still_edit(proposal: Proposal, *, call: Call | None = None, now=None) -> bool:
    """Whether the proposal's texts may still change: drafts always, others until the deadline.

    A proposal submitted with an access code may change until the code expires.
    While a review phase is on, the phase says whether speakers may still edit,
    whatever the deadline.
    """
    now = now or timezone.now()
    if proposal.state == State.DRAFT:
        return True
    if proposal.state != State.SUBMITTED:
        return False
    call = call or Call.objects.get(summit_id=proposal.summit_id)
    phase = current_review_phase(call, now=now)
    if phase is not None:
        return phase.speakers_can_edit
    if is_before_deadline(call, proposal.format, now=now):
        return True
    code = proposal.access_code
    return code is not None and code.valid_until > now


# Proposals


def refresh_search_text(proposal: Proposal) -> None:
    """Recompute `proposal.search_text` from its texts and organisations.

    Side effects: the proposal row's `search_text` saved.
    """
    organisations = proposal.organisations.values_list("name", flat=True)
    parts = [
        proposal.title,
        proposal.abstract,
        proposal.other_title,
        proposal.other_abstract,
        *organisations,
    ]
    proposal.search_text = normalise(" ".join(part for part in parts if part))
    proposal.save(update_fields=["search_text"])


def is_co_led(organisation_types: Iterable[str]) -> bool:
    """At least one government and one civil-society organisation organise it."""
    types = set(organisation_types)
    return OrganisationType.GOVERNMENT in types and OrganisationType.CIVIL_SOCIETY in types


@dataclass(frozen=True)
class OrganisationData:
    name: str
    organisation_type: str
    country: str = ""


def create_proposal(summit: Summit, *, by, access_code: AccessCode | None = None, **fields):
    """Start a draft proposal whose author is `by`.

    Side effects:
    1. the proposal row written, as a draft;
    2. `by` added as its author speaker;
    3. its search text computed.
    """
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))} here.")
    with transaction.atomic():
        proposal = Proposal.objects.create(
            summit=summit, created_by=by, state=State.DRAFT, access_code=access_code, **fields
        )
        Speaker.objects.create(proposal=proposal, user=by, is_author=True, position=0)
        refresh_search_text(proposal)
    return proposal


def update_proposal(
    proposal: Proposal,
    *,
    by,
    organisations: list[OrganisationData] | None = None,
    answers: dict | None = None,
    access_code: AccessCode | bool | None = False,
    **changes,
) -> list[str]:
    """Save a step of the proposal form; return the changed fields.

    `access_code` is left alone unless an AccessCode or None is given.
    Side effects:
    1. the proposal row, changed fields only;
    2. its organisations replaced when `organisations` is given, and the
       co-led flag set from their types;
    3. its search text recomputed.
    """
    if access_code is not False:
        changes["access_code"] = access_code
    if answers is not None:
        changes["answers"] = answers
    allowed = (*PROPOSAL_FIELDS, "access_code", "answers")
    with transaction.atomic():
        changed = apply_changes(proposal, changes, allowed)
        if organisations is not None:
            proposal.organisations.all().delete()
            ProposalOrganisation.objects.bulk_create(
                ProposalOrganisation(
                    proposal=proposal,
                    name=organisation.name,
                    organisation_type=organisation.organisation_type,
                    country=organisation.country,
                    position=position,
                )
                for position, organisation in enumerate(organisations)
            )
            co_led = is_co_led(organisation.organisation_type for organisation in organisations)
            if co_led != proposal.is_co_led:
                proposal.is_co_led = co_led
                proposal.save(update_fields=["is_co_led"])
                changed.append("is_co_led")
            changed.append("organisations")
        refresh_search_text(proposal)
    return changed


def missing_for_submission(proposal: Proposal, questions: Iterable | None = None) -> list[str]:
    """What the proposal lacks before it can be submitted, as sentences."""
    from cosummit.core.questions import is_empty, visible_questions

    missing = []
    if proposal.format_id is None:
        missing.append(_("Choose a session format."))
    if proposal.track_id is None and proposal.summit.tracks.exists():
        missing.append(_("Choose a track."))
    if not proposal.language:
        missing.append(_("Say in which language the text is written."))
    if not proposal.session_language:
        missing.append(_("Say in which language the session will be held."))
    if not proposal.title.strip():
        missing.append(_("Give a title."))
    if not proposal.abstract.strip():
        missing.append(_("Write an abstract."))
    if not proposal.description.strip():
        missing.append(_("Write a description."))
    if not proposal.organisations.exists():
        missing.append(_("Name at least one organising organisation."))
    session_format = proposal.format
    if session_format is not None and session_format.min_minutes != session_format.max_minutes:
        if proposal.duration is None:
            missing.append(_("Say how long the session should last."))
        elif not session_format.min_minutes <= proposal.duration <= session_format.max_minutes:
            missing.append(
                _("A %(format)s lasts between %(shortest)d and %(longest)d minutes.")
                % {
                    "format": session_format.name,
                    "shortest": session_format.min_minutes,
                    "longest": session_format.max_minutes,
                }
            )
    if questions is not None:
        for question in visible_questions(list(questions), proposal.answers):
            if question.is_required and is_empty(proposal.answers.get(str(question.pk))):
                missing.append(
                    _("Answer the question “%(question)s”.") % {"question": question.label}
                )
    return missing


def _lock_proposal(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("format", "track", "summit")
        .get(pk=proposal.pk)
    )


def submit_proposal(proposal: Proposal, *, by, questions=None, now=None) -> Proposal:
    """Submit a draft for the call, checking every rule.

    `questions` are the call's questions for the proposal's format and track,
    read here when not given.

    Raises ProposalError with every broken rule: fields missing, the format's
    deadline passed (unless the proposal has a valid access code), the author
    already at the call's limit of proposals per person.
    Side effects, in one transaction:
    1. the proposal row locked, then the author's user row (for the limit per
       person) and the access code row (for its uses);
    2. the access code's uses counted up when it lets the proposal in late;
    3. the proposal's state set to submitted, with the time;
    4. each speaker made a follower of the proposal, so that their daily
       digest tells them of its comments and supports;
    5. an acknowledgement e-mail queued for each speaker, in their language;
    6. a log entry.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_proposal(proposal)
        if locked.state == State.SUBMITTED:
            raise ProposalError(_("This proposal has already been submitted."))
        if locked.state != State.DRAFT:
            raise ProposalError(_("This proposal can no longer be submitted."))
        call = Call.objects.get(summit_id=locked.summit_id)
        if questions is None:
            from .queries import proposal_questions

            questions = proposal_questions(call, locked.format, locked.track)
        problems = missing_for_submission(locked, questions)
        code = None
        if not is_accepting(call, locked.format, now=now):
            code = (
                AccessCode.objects.select_for_update().filter(pk=locked.access_code_id).first()
                if locked.access_code_id
                else None
            )
            if code is None:
                if not has_opened(call, now=now):
                    problems.append(_("The call for proposals has not opened yet."))
                else:
                    problems.append(
                        _(
                            "The deadline for this format has passed. Ask the organisers for an "
                            "access code if you were allowed to submit late."
                        )
                    )
            else:
                problem = access_code_problem(code, locked.format, now=now)
                if problem:
                    problems.append(problem)
        if call.max_proposals_per_person is not None and locked.created_by_id is not None:
            # Locking the author's row makes two submissions by the same
            # person wait for each other, so that both cannot pass the count.
            get_user_model().objects.select_for_update().filter(pk=locked.created_by_id).get()
            submitted = Proposal.objects.filter(
                summit_id=locked.summit_id,
                created_by_id=locked.created_by_id,
                state=State.SUBMITTED,
            ).count()
            if submitted >= call.max_proposals_per_person:
                problems.append(
                    _("The author has already submitted %(count)d proposals, the most allowed.")
                    % {"count": submitted}
                )
        if problems:
            raise ProposalError(*problems)
        if code is not None:
            AccessCode.objects.filter(pk=code.pk).update(uses=models.F("uses") + 1)
        locked.state = State.SUBMITTED
        locked.submitted_at = now
        locked.save(update_fields=["state", "submitted_at"])
        for speaker in Speaker.objects.filter(proposal=locked).select_related("user"):
            follow(locked, speaker.user)
        send_acknowledgements(locked)
    logger.info("Proposal %s submitted by user %s.", locked.pk, by.pk)
    proposal.state, proposal.submitted_at = locked.state, locked.submitted_at
    return proposal


def withdraw_proposal(proposal: Proposal, *, by) -> None:
    """Withdraw a draft or a submitted proposal: it leaves the call and the gallery.

    Side effects: the proposal's state set to withdrawn; a log entry.
    """
    with transaction.atomic():
        locked = _lock_proposal(proposal)
        if locked.state not in (State.DRAFT, State.SUBMITTED):
            raise ProposalError(_("This proposal can no longer be withdrawn."))
        locked.state = State.WITHDRAWN
        locked.save(update_fields=["state"])
    proposal.state = State.WITHDRAWN
    logger.info("Proposal %s withdrawn by user %s.", proposal.pk, by.pk)


# Co-speakers


def co_speaker_places_taken(proposal: Proposal) -> int:
    """Co-speakers who joined plus invitations still pending."""
    joined = Speaker.objects.filter(proposal=proposal, is_author=False).count()
    pending = Invitation.objects.filter(proposal=proposal, status=Invitation.Status.PENDING)
    return joined + pending.count()


def invite_co_speaker(proposal: Proposal, *, email: str, by) -> Invitation:
    """Invite someone by e-mail to become a co-speaker.

    Raises ProposalError when the e-mail is the inviter's own, already a
    speaker's, already invited, or when the call's co-speaker places are taken.
    Side effects:
    1. the proposal row locked (places are counted under it);
    2. the invitation row written;
    3. the invitation e-mail queued, in the invited person's language when
       they have an account, else in the inviter's.
    """
    email = email.strip().lower()
    with transaction.atomic():
        locked = _lock_proposal(proposal)
        call = Call.objects.get(summit_id=locked.summit_id)
        if email == by.email.lower():
            raise ProposalError(_("You cannot invite yourself: you are already a speaker."))
        if Speaker.objects.filter(proposal=locked, user__email__iexact=email).exists():
            raise ProposalError(
                _("%(email)s is already a speaker of this proposal.") % {"email": email}
            )
        pending = Invitation.objects.filter(
            proposal=locked, email__iexact=email, status=Invitation.Status.PENDING
        )
        if pending.exists():
            raise ProposalError(
                _("%(email)s has already been invited and has not answered yet.") % {"email": email}
            )
        if co_speaker_places_taken(locked) >= call.max_co_speakers:
            raise ProposalError(
                _("A proposal may have at most %(count)d co-speakers, invitations included.")
                % {"count": call.max_co_speakers}
            )
        invitation = Invitation.objects.create(proposal=locked, email=email, invited_by=by)
        send_invitation(invitation, inviter=by, proposal=locked)
    logger.info("Proposal %s: co-speaker invited by user %s.", proposal.pk, by.pk)
    return invitation


def revoke_invitation(invitation: Invitation, *, by) -> None:
    """Take back a pending invitation. Side effects: its status set to revoked."""
    updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.REVOKED, answered_at=timezone.now()
    )
    if not updated:
        raise ProposalError(_("This invitation has already been answered."))
    invitation.status = Invitation.Status.REVOKED


def accept_invitation(invitation: Invitation, *, user) -> Speaker:
    """`user` accepts the invitation and becomes a co-speaker.

    Raises ProposalError when the invitation was answered or revoked, when the
    proposal no longer takes changes, or when `user` is already a speaker.
    Side effects:
    1. the proposal row and the invitation row locked;
    2. the invitation marked accepted;
    3. a speaker row for `user`, after the others;
    4. `user` made a follower of the proposal (for the daily digest);
    5. a log entry.
    """
    with transaction.atomic():
        locked_proposal = _lock_proposal(invitation.proposal)
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status != Invitation.Status.PENDING:
            raise ProposalError(_("This invitation is no longer open."))
        if locked_proposal.state not in (State.DRAFT, State.SUBMITTED):
            raise ProposalError(_("This proposal no longer takes new speakers."))
        speakers = Speaker.objects.filter(proposal=locked_proposal)
        if speakers.filter(user=user).exists():
            raise ProposalError(_("You are already a speaker of this proposal."))
        position = (speakers.aggregate(last=models.Max("position"))["last"] or 0) + 1
        speaker = Speaker.objects.create(
            proposal=locked_proposal, user=user, is_author=False, position=position
        )
        locked.status = Invitation.Status.ACCEPTED
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answered_at"])
        follow(locked_proposal, user)
    invitation.status = locked.status
    logger.info("Proposal %s: user %s joined as co-speaker.", locked_proposal.pk, user.pk)
    return speaker


def decline_invitation(invitation: Invitation, *, user) -> None:
    """Decline an invitation. Side effects: its status set to declined."""
    updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.DECLINED, answered_at=timezone.now()
    )
    if not updated:
        raise ProposalError(_("This invitation is no longer open."))
    invitation.status = Invitation.Status.DECLINED


def remove_co_speaker(speaker: Speaker, *, by) -> None:
    """Remove a co-speaker (never an author). Side effects: the speaker row deleted."""
    if speaker.is_author:
        raise ProposalError(_("The author of a proposal cannot be removed."))
    speaker.delete()
    logger.info(
        "Proposal %s: speaker %s removed by user %s.", speaker.proposal_id, speaker.pk, by.pk
    )


# Mail


def send_acknowledgements(proposal: Proposal) -> None:
    """Queue the acknowledgement of a submitted proposal to each of its speakers.

    Side effects: one e-mail per speaker, in their preferred language, tagged
    with the summit.
    """
    summit = proposal.summit
    speakers = Speaker.objects.filter(proposal=proposal).select_related("user")
    for speaker in speakers:
        language = language_of(speaker.user)
        send_templated(
            to=speaker.user.email,
            language=language,
            template="proposals/mail/submitted",
            summit=summit,
            context={
                "proposal": proposal,
                "summit": summit,
                "person": speaker.user,
                "url": site_url("proposals:mine", language, summit=summit.slug),
            },
        )


def send_invitation(invitation: Invitation, *, inviter, proposal: Proposal) -> None:
    """Queue the invitation e-mail. Side effects: one e-mail, tagged with the summit."""
    invited = get_user_model().objects.filter(email__iexact=invitation.email).first()
    language = (
        invited.preferred_language if invited and invited.preferred_language else None
    ) or language_of(inviter)
    send_templated(
        to=invitation.email,
        language=language,
        template="proposals/mail/invitation",
        summit=proposal.summit,
        context={
            "proposal": proposal,
            "summit": proposal.summit,
            "inviter": inviter,
            "url": site_url(
                "proposals:invitation",
                language,
                summit=proposal.summit.slug,
                token=invitation.token,
            ),
        },
    )
