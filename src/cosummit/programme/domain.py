"""Writes of the programme: its sessions."""

from django.db import transaction

from cosummit.proposals.models import Proposal, Speaker

from .models import Session, Slot


def create_session_from_proposal(proposal: Proposal) -> Session:
    """The session of a confirmed proposal, created the first time only.

    The proposal's title, abstract, session language, format, track, duration
    (the format's length when the proposal gives none), interpretation,
    expected audience and speakers are copied, so that the programme can be
    edited without changing what the speakers proposed. Side effects, in
    order: the Session row is written; its speakers are set; its working
    slot is written, not placed yet. A proposal that
    has a session already gets that one back, unchanged.
    """
    with transaction.atomic():
        # Locking the proposal makes two confirmations at the same moment take turns.
        Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
        existing = Session.objects.filter(proposal=proposal).first()
        if existing is not None:
            return existing
        session_format = proposal.format
        duration = proposal.duration
        if duration is None and session_format is not None:
            duration = session_format.max_minutes
        session = Session.objects.create(
            summit_id=proposal.summit_id,
            proposal=proposal,
            title=proposal.title,
            abstract=proposal.abstract,
            language=proposal.session_language or proposal.language,
            format=session_format,
            track_id=proposal.track_id,
            duration=duration,
            interpretation=list(proposal.interpretation or []),
            expected_audience=proposal.expected_audience,
        )
        speaker_ids = Speaker.objects.filter(proposal=proposal).values_list("user_id", flat=True)
        session.speakers.set(list(speaker_ids))
        Slot.objects.create(session=session)
    return session
