"""The reviewers' pages: their queue, the review of a proposal, conflicts and preferences.

Only people with the reviewer role reach them (`queries.get_summit_for_reviewer`);
a proposal is reached only through `queries.get_proposal_for_reviewer`, so that
other people's, conflicted and out-of-track proposals give 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cosummit.core.markdown import render_markdown
from cosummit.proposals.discussion import language_label, reader_text
from cosummit.summits.queries import can_organise

from . import domain, queries, reviewer_queries
from .reviewer_forms import ConflictForm, PreferencesForm, ReviewForm, apply_errors


def _render(request, template: str, summit, *, section: str, status: int = 200, **extra):
    """A page of the review area, with what its navigation needs."""
    context = {
        "summit": summit,
        "is_reviewer": True,
        "can_decide": queries.can_decide(request.user, summit),
        "can_organise": can_organise(request.user, summit),
        "section": section,
        **extra,
    }
    return render(request, f"review/reviewer/{template}", context, status=status)


def _proposal_url(summit, proposal) -> str:
    return reverse("review:proposal", kwargs={"summit": summit.slug, "pk": proposal.pk})


@login_required
def queue(request, summit):
    summit, reviewer = queries.get_summit_for_reviewer(request.user, summit)
    is_blind = queries.is_blind_for(request.user, summit)
    proposals = reviewer_queries.queue(reviewer, with_people=not is_blind)
    for proposal in proposals:
        proposal.text = reader_text(proposal)
        proposal.session_language_label = language_label(proposal.session_language)
    done = sum(proposal.my_review is not None for proposal in proposals)
    return _render(
        request,
        "queue.html",
        summit,
        section="queue",
        proposals=proposals,
        done=done,
        total=len(proposals),
        next_proposal=reviewer_queries.next_in(proposals),
        is_blind=is_blind,
        phase=reviewer_queries.phase_rules(queries.current_phase(summit)),
    )


@login_required
def proposal_review(request, summit, pk):
    summit, reviewer = queries.get_summit_for_reviewer(request.user, summit)
    proposal = queries.get_proposal_for_reviewer(reviewer, pk)
    phase = reviewer_queries.phase_rules(queries.current_phase(summit))
    criteria = queries.criteria(summit)
    review = reviewer_queries.own_review(reviewer, proposal)
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        disabled=not phase.can_score,
        initial=ReviewForm.initial_from(review),
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.submit_review(
                reviewer,
                proposal,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                abstain=form.cleaned_data["abstain"],
            )
        except ValidationError as error:
            apply_errors(form, error, field_names=form.field_names())
        else:
            messages.success(request, _("Your review was saved."))
            if request.POST.get("action") != "next":
                return redirect(_proposal_url(summit, proposal))
            following = reviewer_queries.next_to_review(reviewer)
            if following is None:
                messages.info(request, _("You have reviewed every proposal in your queue."))
                return redirect("review:queue", summit=summit.slug)
            return redirect(_proposal_url(summit, following))
    is_blind = queries.is_blind_for(request.user, summit)
    shows_others = queries.can_see_other_reviews(reviewer, proposal, phase=phase.phase)
    return _render(
        request,
        "proposal.html",
        summit,
        section="queue",
        status=400 if form.errors else 200,
        proposal=proposal,
        text=reader_text(proposal),
        session_language=language_label(proposal.session_language),
        language=language_label(proposal.language),
        interpretation=[language_label(code) for code in proposal.interpretation or []],
        description=render_markdown(proposal.description),
        answers=reviewer_queries.answers(proposal),
        is_blind=is_blind,
        speakers=[] if is_blind else reviewer_queries.speakers(proposal),
        organisations=[] if is_blind else reviewer_queries.organisations(proposal),
        criteria=criteria,
        form=form,
        review=review,
        phase=phase,
        shows_others=shows_others,
        others=reviewer_queries.other_reviews(reviewer, proposal) if shows_others else [],
        conflict_form=ConflictForm(),
    )


@login_required
def declare_conflict(request, summit, pk):
    summit, reviewer = queries.get_summit_for_reviewer(request.user, summit)
    proposal = queries.get_proposal_for_reviewer(reviewer, pk)
    form = ConflictForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        domain.record_conflict(
            reviewer, proposal, source="declared", reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _(
                "Your conflict of interest is recorded: the proposal left your queue and "
                "another reviewer will take it."
            ),
        )
        return redirect("review:queue", summit=summit.slug)
    return _render(
        request,
        "conflict.html",
        summit,
        section="queue",
        status=400 if form.errors else 200,
        proposal=proposal,
        text=reader_text(proposal),
        form=form,
    )


@login_required
def preferences(request, summit):
    summit, reviewer = queries.get_summit_for_reviewer(request.user, summit)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, instance=reviewer, summit=summit
    )
    if form.is_valid():
        domain.update_reviewer_preferences(
            reviewer,
            expertise=form.cleaned_data["expertise"],
            languages=form.cleaned_data["languages"],
            preferred_tracks=form.cleaned_data["preferred_tracks"],
        )
        messages.success(request, _("Your preferences were saved."))
        return redirect("review:preferences", summit=summit.slug)
    return _render(
        request,
        "preferences.html",
        summit,
        section="preferences",
        status=400 if form.errors else 200,
        form=form,
    )
