"""Moderators' pages (queue, decisions, log) and the organisers' merge page.

Moderators are the summit's organisers and moderators
(`summits.queries.can_moderate`); anyone else gets 404, so that the pages
reveal nothing. Decisions are POST forms that go back to the queue.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cosummit.core.markdown import render_markdown
from cosummit.summits.models import Block
from cosummit.summits.queries import blocked_people, get_summit_for_organiser

from . import discussion, moderation, queries
from .discussion import ActionRefused
from .models import Comment, Proposal, State
from .public_forms import BlockForm, MergeForm, ModerationReasonForm

LOG_PAGE_SIZE = 50


def _queue(summit) -> str:
    return redirect("proposals:moderation", summit=summit.slug)


def _with_texts(comments):
    comments = list(comments)
    for comment in comments:
        comment.html = render_markdown(comment.body)
        comment.author_name = discussion.public_name(comment.author)
    return comments


@login_required
def queue(request, summit):
    summit = queries.get_summit_for_moderator(request.user, summit)
    return render(
        request,
        "proposals/moderation/queue.html",
        {
            "summit": summit,
            "section": "queue",
            "proposals": list(moderation.proposals_awaiting_decision(summit)),
            "comments": _with_texts(moderation.comments_awaiting_decision(summit)),
            "hidden_proposals": list(
                moderation.hidden_proposals(summit)[: moderation.HIDDEN_SHOWN]
            ),
            "hidden_comments": _with_texts(
                moderation.hidden_comments(summit)[: moderation.HIDDEN_SHOWN]
            ),
            "hidden_shown": moderation.HIDDEN_SHOWN,
            "blocks": list(blocked_people(summit)),
            "reason_form": ModerationReasonForm(),
        },
    )


def _log_page(request, summit):
    return Paginator(moderation.moderation_log(summit), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )


@login_required
def log(request, summit):
    summit = queries.get_summit_for_moderator(request.user, summit)
    return render(
        request,
        "proposals/moderation/log.html",
        {"summit": summit, "section": "log", "page": _log_page(request, summit)},
    )


def _decide(request, summit, decision, target, success: str):
    form = ModerationReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: the reason is too long."))
        return _queue(summit)
    decision(target, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, success)
    return _queue(summit)


def _proposal_in(summit, pk: int) -> Proposal:
    proposal = Proposal.objects.filter(summit=summit, pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def _comment_in(summit, pk: int) -> Comment:
    comment = Comment.objects.filter(proposal__summit=summit, pk=pk).first()
    if comment is None:
        raise Http404
    return comment


@login_required
@require_POST
def hide_proposal(request, summit, proposal):
    summit = queries.get_summit_for_moderator(request.user, summit)
    proposal = _proposal_in(summit, proposal)
    return _decide(
        request, summit, moderation.hide_proposal, proposal, _("The proposal is hidden.")
    )


@login_required
@require_POST
def restore_proposal(request, summit, proposal):
    summit = queries.get_summit_for_moderator(request.user, summit)
    proposal = _proposal_in(summit, proposal)
    return _decide(
        request,
        summit,
        moderation.restore_proposal,
        proposal,
        _("The proposal is shown and its reports are dismissed."),
    )


@login_required
@require_POST
def hide_comment(request, summit, comment):
    summit = queries.get_summit_for_moderator(request.user, summit)
    comment = _comment_in(summit, comment)
    return _decide(request, summit, moderation.hide_comment, comment, _("The comment is hidden."))


@login_required
@require_POST
def restore_comment(request, summit, comment):
    summit = queries.get_summit_for_moderator(request.user, summit)
    comment = _comment_in(summit, comment)
    return _decide(
        request,
        summit,
        moderation.restore_comment,
        comment,
        _("The comment is shown and its reports are dismissed."),
    )


@login_required
@require_POST
def block(request, summit):
    summit = queries.get_summit_for_moderator(request.user, summit)
    form = BlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: the request was not understood."))
        return _queue(summit)
    user_id = form.cleaned_data["user"]
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None or not moderation.may_be_blocked(summit, user_id):
        messages.error(
            request, _("Only people who wrote in this summit’s call for proposals can be blocked.")
        )
        return _queue(summit)
    try:
        moderation.block_user(summit, person, by=request.user, reason=form.cleaned_data["reason"])
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return _queue(summit)
    messages.success(
        request,
        _("%(name)s is blocked: they can no longer submit, comment, support or report here.")
        % {"name": discussion.public_name(person)},
    )
    return _queue(summit)


@login_required
@require_POST
def unblock(request, summit, block):
    summit = queries.get_summit_for_moderator(request.user, summit)
    found = Block.objects.filter(summit=summit, pk=block).select_related("summit", "user").first()
    if found is None:
        raise Http404
    form = ModerationReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: the reason is too long."))
        return _queue(summit)
    moderation.unblock_user(found, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(
        request,
        _("%(name)s can take part again.") % {"name": discussion.public_name(found.user)},
    )
    return _queue(summit)


# The organiser area


@login_required
def organiser_log(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    return render(
        request,
        "proposals/moderation/organiser_log.html",
        {
            "summit": summit,
            "section": "call",
            "part": "moderation_log",
            "page": _log_page(request, summit),
        },
    )


@login_required
def merge(request, summit):
    """Choose, check, then confirm the merge of proposals into a joint proposal."""
    summit = get_summit_for_organiser(request.user, summit)
    if request.method == "POST":
        form = MergeForm(request.POST, summit=summit)
    else:
        form = MergeForm(summit=summit, initial={"target": request.GET.get("target")})
    preview = None
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        sources = form.cleaned_data["sources"]
        if form.cleaned_data["confirm"]:
            try:
                moderation.merge_proposals(target, sources, by=request.user)
            except ActionRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(
                    request,
                    _("The proposals were merged into proposal %(number)d.")
                    % {"number": target.pk},
                )
                return redirect(target.get_absolute_url())
        else:
            preview = {"target": target, "sources": sources}
    return render(
        request,
        "proposals/moderation/merge.html",
        {
            "summit": summit,
            "section": "call",
            "part": "merge",
            "form": form,
            "preview": preview,
            "submitted": State.SUBMITTED,
        },
    )
