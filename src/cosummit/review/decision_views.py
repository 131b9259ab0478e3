"""Decision pages under /<lang>/<summit>/review/decisions/.

Organisers decide for every track, conveners for their teams' tracks; both
set pending decisions and apply them. Organisers also edit the e-mails and
follow the confirmed sessions. Accepted speakers answer on the reply page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cosummit.proposals.models import Proposal, Track
from cosummit.summits.queries import (
    can_organise,
    can_review,
    get_summit_for_organiser,
    get_summit_for_user,
)

from . import decision_forms, decision_queries, decisions, queries
from .models import Outcome

PER_PAGE = 100


def _render(request, template: str, summit, *, status: int = 200, **context):
    return render(
        request,
        f"review/decisions/{template}",
        {
            "summit": summit,
            "section": "decisions",
            "page_name": template.removesuffix(".html"),
            "is_reviewer": can_review(request.user, summit),
            "can_decide": True,
            "can_organise": can_organise(request.user, summit),
            **context,
        },
        status=status,
    )


def _back(request, summit):
    """The page named by `next` when it is on this site, else the decision list."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("review_decisions:list", kwargs={"summit": summit.slug}))


def _tracks(summit, scope):
    tracks = Track.objects.filter(summit=summit)
    if scope is not None:
        tracks = tracks.filter(pk__in=[pk for pk in scope if pk is not None])
    return list(tracks)


@login_required
def decision_list(request, summit):
    summit, scope = queries.get_summit_for_decider(request.user, summit)
    blind = queries.is_blind_for(request.user, summit)
    form = decision_forms.DecisionFilterForm(
        request.GET if request.GET.keys() - {"page"} else None, tracks=_tracks(summit, scope)
    )
    rows = decision_queries.decision_rows(summit, scope, blind=blind, filters=form.filters())
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    counts = decision_queries.pending_counts(summit, scope)
    return _render(
        request,
        "list.html",
        summit,
        form=form,
        page=page,
        blind=blind,
        pending_counts=[(value, label, counts[value]) for value, label in Outcome.choices],
        pending_total=sum(counts.values()),
        choices=decision_forms.DECISION_CHOICES,
        bulk_form=decision_forms.BulkDecideForm(proposal_ids=[], auto_id="bulk_%s"),
    )


@login_required
@require_POST
def decide(request, summit, proposal):
    summit, _scope = queries.get_summit_for_decider(request.user, summit)
    proposal = queries.get_proposal_for_decider(request.user, summit, proposal)
    form = decision_forms.DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept, reject, wait-list or undecided."))
        return _back(request, summit)
    try:
        _decide(proposal, form.cleaned_data["outcome"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _decided_message(proposal, form.cleaned_data["outcome"]))
    return _back(request, summit)


def _decide(proposal, outcome: str, *, by) -> None:
    if outcome == decision_forms.CLEAR:
        decisions.clear_decision(proposal)
    else:
        decisions.set_decision(proposal, outcome=outcome, by=by)


def _decided_message(proposal, outcome: str) -> str:
    context = {"title": proposal}
    if outcome == decision_forms.CLEAR:
        return _("“%(title)s” is undecided again.") % context
    return {
        Outcome.ACCEPT: _("“%(title)s”: accept, pending."),
        Outcome.REJECT: _("“%(title)s”: reject, pending."),
        Outcome.WAITLIST: _("“%(title)s”: wait-list, pending."),
    }[outcome] % context


@login_required
@require_POST
def decide_many(request, summit):
    """One decision for every ticked proposal: all of them change, or none."""
    summit, scope = queries.get_summit_for_decider(request.user, summit)
    wanted = [value for value in request.POST.getlist("proposals") if value.isdigit()]
    proposals = {
        proposal.pk: proposal
        for proposal in queries.in_scope(queries.reviewable_proposals(summit), scope).filter(
            pk__in=wanted
        )
    }
    form = decision_forms.BulkDecideForm(request.POST, proposal_ids=list(proposals))
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
        return _back(request, summit)
    outcome = form.cleaned_data["outcome"]
    chosen = [proposals[pk] for pk in form.cleaned_data["proposals"]]
    try:
        decisions.decide_together(
            chosen, outcome=None if outcome == decision_forms.CLEAR else outcome, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d proposal changed.",
                "%(count)d proposals changed.",
                len(chosen),
            )
            % {"count": len(chosen)},
        )
    return _back(request, summit)


def _signature(pending) -> str:
    """What the confirmation page showed, so that applying checks nothing changed since."""
    return ",".join(f"{decision.pk}:{decision.outcome}" for decision in pending)


@login_required
def apply(request, summit):
    """GET: the pending decisions to apply; POST: apply them together."""
    summit, scope = queries.get_summit_for_decider(request.user, summit)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    pending = list(decision_queries.pending_for_confirmation(summit, scope))
    blind = queries.is_blind_for(request.user, summit)
    if request.method == "POST":
        if request.POST.get("signature", "") != _signature(pending):
            messages.error(
                request,
                _("The pending decisions changed since you looked at them: check them again."),
            )
            return _render(
                request,
                "apply.html",
                summit,
                status=409,
                pending=pending,
                signature=_signature(pending),
                blind=blind,
            )
        applied = decisions.apply_decisions(summit, by=request.user, scope=scope)
        if can_organise(request.user, summit):
            messages.success(
                request,
                ngettext(
                    "%(count)d decision applied. Its e-mails are held below: read them, "
                    "then send them.",
                    "%(count)d decisions applied. Their e-mails are held below: read them, "
                    "then send them.",
                    applied,
                )
                % {"count": applied},
            )
            return redirect(
                reverse("organise:outbox", kwargs={"summit": summit.slug}) + "?status=held"
            )
        messages.success(
            request,
            ngettext(
                "%(count)d decision applied. Its e-mails are held for the organisers to check "
                "and send.",
                "%(count)d decisions applied. Their e-mails are held for the organisers to "
                "check and send.",
                applied,
            )
            % {"count": applied},
        )
        return redirect("review_decisions:list", summit=summit.slug)
    return _render(
        request,
        "apply.html",
        summit,
        pending=pending,
        signature=_signature(pending),
        blind=blind,
    )


@login_required
def edit_templates(request, summit):
    """The three decision e-mails, each saved by its own form."""
    summit = get_summit_for_organiser(request.user, summit)
    templates = decisions.current_templates(summit)
    posted = request.POST.get("outcome") if request.method == "POST" else None
    if request.method == "POST" and posted not in templates:
        messages.error(request, _("Choose accept, reject or wait-list."))
        return redirect("review_decisions:templates", summit=summit.slug)
    forms = {
        outcome: decision_forms.DecisionTemplateForm.for_template(
            template, request.POST if outcome == posted else None
        )
        for outcome, template in templates.items()
    }
    if posted is not None:
        form = forms[posted]
        if form.is_valid():
            try:
                decisions.save_decision_template(
                    summit,
                    posted,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The e-mail for “%(outcome)s” was saved.")
                    % {"outcome": Outcome(posted).label},
                )
                return redirect("review_decisions:templates", summit=summit.slug)
    return _render(
        request,
        "templates.html",
        summit,
        status=400 if posted and forms[posted].errors else 200,
        forms=[(outcome, Outcome(outcome).label, form) for outcome, form in forms.items()],
        placeholders=list(decisions.PLACEHOLDERS.items()),
    )


@login_required
def sessions(request, summit):
    """The sessions made from confirmed proposals, and how accepted speakers answered."""
    summit = get_summit_for_organiser(request.user, summit)
    return _render(
        request,
        "sessions.html",
        summit,
        sessions=list(decision_queries.confirmed_sessions(summit)),
        replies=decision_queries.replies_count(summit),
    )


@login_required
def reply(request, summit, token):
    """An accepted speaker confirms or declines; GET only shows the page, POST answers.

    Mail scanners follow links in e-mails: nothing is done on GET.
    """
    summit = get_summit_for_user(request.user, summit)
    decision = queries.get_decision_for_speaker(request.user, summit, token)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        if answer not in ("confirm", "decline"):
            messages.error(request, _("Choose to confirm or to decline the session."))
        else:
            try:
                decisions.reply_to_decision(
                    decision, user=request.user, confirm=answer == "confirm"
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if answer == "confirm":
                    messages.success(
                        request, _("Thank you: your session is confirmed for the programme.")
                    )
                else:
                    messages.success(
                        request, _("Your answer is recorded: you will not hold this session.")
                    )
        return redirect("review_decisions:reply", summit=summit.slug, token=token)
    proposal: Proposal = decision.proposal
    is_late = decision.reply_by is not None and timezone.now() > decision.reply_by
    return render(
        request,
        "review/decisions/reply.html",
        {
            "summit": summit,
            "decision": decision,
            "proposal": proposal,
            "title": decisions.title_in(proposal, request.LANGUAGE_CODE),
            "is_late": is_late,
            "can_answer": (
                decision.outcome == Outcome.ACCEPT and not decision.reply and not is_late
            ),
        },
    )
