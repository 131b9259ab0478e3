"""Public pages of proposals: the gallery, a proposal's page, supports, comments and follows.

Views find the summit and the proposal through `queries`, check that the
person may take part (`queries.why_cannot_take_part`), and write through
`discussion` and `moderation`, whose refusals come back as messages.
"""

from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from cosummit.core.markdown import render_markdown
from cosummit.summits.queries import can_moderate, can_organise

from . import discussion, gallery, moderation, opendata, queries
from .discussion import ActionRefused
from .models import (
    Comment,
    Follow,
    ProposalOrganisation,
    SessionFormat,
    Speaker,
    State,
    Support,
    Track,
)
from .public_forms import CommentEditForm, CommentForm, GalleryFilterForm, ReportForm

SEED_SESSION_KEY = "proposals_order_seed"
# Conversations (a comment and its replies) per page of a proposal's discussion.
COMMENT_THREADS_PER_PAGE = 40

# Words repeated on every comment, translated once per page rather than once per comment.
COMMENT_LABELS = {
    "edited": pgettext_lazy("comment", "edited"),
    "reply": pgettext_lazy("comment", "Reply"),
    "edit": pgettext_lazy("comment", "Edit"),
    "delete": pgettext_lazy("comment", "Delete"),
    "report": pgettext_lazy("comment", "Report"),
    "hidden": gettext_lazy("This comment was hidden by the moderators."),
    "deleted": gettext_lazy("Comment deleted by its author."),
}


# The gallery


def gallery_page(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    call = queries.get_call(summit)
    if not queries.discussion_is_open(call):
        return render(request, "proposals/public/not_public.html", {"summit": summit, "call": call})
    public = queries.public_proposals(summit)
    form = GalleryFilterForm(
        request.GET,
        tracks=Track.objects.filter(summit=summit),
        formats=SessionFormat.objects.filter(call=call),
        languages=summit.languages,
        country_codes=ProposalOrganisation.objects.filter(proposal__in=public)
        .exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct(),
    )
    form.is_valid()
    sort = form.chosen_sort()
    seed = None
    if sort == gallery.SORT_RANDOM:
        seed = gallery.valid_seed(request.session.get(SEED_SESSION_KEY))
        if seed is None:
            seed = gallery.new_random_seed()
            request.session[SEED_SESSION_KEY] = seed
    proposals = gallery.order_proposals(
        gallery.for_cards(gallery.filter_proposals(public, form.filters())), sort, seed
    )
    page = Paginator(proposals, gallery.PAGE_SIZE).get_page(request.GET.get("page"))
    for proposal in page.object_list:
        proposal.text = discussion.reader_text(proposal)
    return render(
        request,
        "proposals/public/gallery.html",
        {
            "summit": summit,
            "call": call,
            "form": form,
            "page": page,
            "sort": sort,
            "can_moderate": can_moderate(request.user, summit),
            "is_filtered": any(
                form.cleaned_data.get(name) for name in form.fields if name != "sort"
            ),
        },
    )


# A proposal's page


def _summit_and_proposal(request, summit_slug: str, proposal_id: int):
    summit = queries.get_summit_for_user(request.user, summit_slug)
    return summit, queries.get_proposal_for_user(request.user, summit, proposal_id)


@lru_cache(maxsize=4096)
def cached_markdown(text: str) -> str:
    """`render_markdown`, remembered by text: a long discussion renders in a few milliseconds."""
    return render_markdown(text)


def _is_visible(comment) -> bool:
    return comment.deleted_at is None and comment.hidden_at is None


def comment_page(proposal, user, *, tz, number=None, focus: int | None = None, now=None):
    """One page of the proposal's discussion: up to COMMENT_THREADS_PER_PAGE conversations.

    A conversation is a top-level comment with its replies; the newest
    conversations come first, replies in the order they were written. With
    `focus`, the number of a comment, the page is the one that holds it.
    Returns the page of top-level comments, those comments with their
    `children`, and every comment of the page in reading order, with what the
    page shows already computed (see `_prepare`), so that a long discussion
    renders in one loop.
    """
    roots = proposal.comments.filter(parent__isnull=True).order_by("-created_at", "-pk")
    paginator = Paginator(roots.values_list("pk", flat=True), COMMENT_THREADS_PER_PAGE)
    if focus is not None:
        number = _page_holding(proposal, roots, focus) or number
    page = paginator.get_page(number)
    root_ids = list(page.object_list)
    comments = []
    if root_ids:
        comments = list(
            Comment.objects.filter(
                Q(pk__in=root_ids) | Q(parent_id__in=root_ids) | Q(parent__parent_id__in=root_ids)
            )
            .select_related("author")
            .only(*COMMENT_FIELDS)
            .order_by("created_at", "pk")
        )
    top, in_order = _prepare(comments, proposal, user, tz=tz, now=now)
    position = {pk: index for index, pk in enumerate(root_ids)}
    top.sort(key=lambda comment: position.get(comment.pk, 0))
    in_order = _in_reading_order(top)
    return page, top, in_order


COMMENT_FIELDS = (
    "pk",
    "proposal_id",
    "parent_id",
    "depth",
    "body",
    "created_at",
    "edited_at",
    "deleted_at",
    "hidden_at",
    "author_id",
    "author__name",
)


def _page_holding(proposal, roots, comment_pk: int) -> int | None:
    """The discussion page that shows comment `comment_pk`, or None when it is not there."""
    comment = (
        Comment.objects.filter(proposal=proposal, pk=comment_pk)
        .select_related("parent__parent")
        .first()
    )
    if comment is None:
        return None
    root = comment
    while root.parent_id is not None:
        root = root.parent
    newer = roots.filter(
        Q(created_at__gt=root.created_at) | Q(created_at=root.created_at, pk__gt=root.pk)
    ).count()
    return newer // COMMENT_THREADS_PER_PAGE + 1


def _prepare(comments, proposal, user, *, tz, now=None) -> tuple[list, list]:
    """Link comments to their replies and compute what the page shows of each.

    Each comment gets its text as HTML, its author's public name, its address,
    its local time, whether `user` may edit, delete or report it, and its
    `children`; returns the comments without a parent among them, and all.
    """
    now = now or timezone.now()
    base = proposal.get_absolute_url()
    label = _("Comment by %(name)s")
    days = {}
    by_pk = {comment.pk: comment for comment in comments}
    for comment in comments:
        comment.children = []
        comment.is_visible = _is_visible(comment)
        comment.html = cached_markdown(comment.body) if comment.is_visible else ""
        comment.author_name = discussion.public_name(comment.author)
        comment.label = label % {"name": comment.author_name}
        comment.can_edit = discussion.can_edit_comment(comment, user, now=now)
        comment.can_delete = discussion.can_delete_comment(comment, user)
        comment.is_own = comment.author_id is not None and comment.author_id == user.pk
        local = timezone.localtime(comment.created_at, tz)
        comment.iso_time = local.isoformat()
        # The day in the reader's format, computed once per day; the time on 24 hours.
        if local.date() not in days:
            days[local.date()] = date_format(local.date(), "DATE_FORMAT")
        comment.local_time = f"{days[local.date()]}, {local:%H:%M}"
        comment.url = f"{base}comments/{comment.pk}/"
    top = []
    for comment in comments:
        parent = by_pk.get(comment.parent_id)
        if parent is None:
            top.append(comment)
        else:
            parent.children.append(comment)
    return top, comments


def _in_reading_order(top: list) -> list:
    """Every comment under `top`, depth first, each with `closing`: the reply lists it ends."""
    in_order = []

    def walk(siblings):
        for comment in siblings:
            in_order.append(comment)
            comment.closes = 0
            if comment.children:
                walk(comment.children)
                in_order[-1].closes += 1

    walk(top)
    for comment in in_order:
        comment.closing = mark_safe("</ol></li>" * comment.closes)
    return in_order


def detail(request, summit, proposal):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    user = request.user
    call = queries.get_call(summit)
    speakers = list(Speaker.objects.filter(proposal=proposal).select_related("user"))
    is_speaker = any(speaker.user_id == user.pk for speaker in speakers)
    refusal = queries.why_cannot_take_part(user, summit)
    supports, follows, supports_used = False, False, 0
    limit = call.max_supports_per_person if call else None
    if user.is_authenticated:
        supports = Support.objects.filter(proposal=proposal, user=user).exists()
        follows = Follow.objects.filter(proposal=proposal, user=user).exists()
        if limit is not None:
            supports_used = Support.objects.filter(
                user=user, proposal__summit=summit, proposal__state=State.SUBMITTED
            ).count()
    is_public = proposal.state in queries.READABLE_STATES
    comments_page, roots, thread = None, [], []
    if is_public:
        focus = request.GET.get("comment", "")
        comments_page, roots, thread = comment_page(
            proposal,
            user,
            tz=summit.tz,
            number=request.GET.get("comments"),
            focus=int(focus) if focus.isdigit() and len(focus) < 12 else None,
        )
    return render(
        request,
        "proposals/public/detail.html",
        {
            "summit": summit,
            "call": call,
            "proposal": proposal,
            "text": discussion.reader_text(proposal),
            "session_language": discussion.language_label(proposal.session_language),
            "description": cached_markdown(proposal.description),
            "speakers": speakers,
            "organisations": list(proposal.organisations.all()),
            "merged_from": list(proposal.merged_from.filter(state=State.MERGED).order_by("pk")),
            "comments": roots,
            "thread": thread,
            "comments_page": comments_page,
            "is_public": is_public,
            "is_open": discussion.is_open_for_discussion(proposal),
            "is_speaker": is_speaker,
            "refusal": refusal,
            "supports": supports,
            "follows": follows,
            "support_limit": limit,
            "supports_used": supports_used,
            "can_moderate": can_moderate(user, summit),
            "can_organise": can_organise(user, summit),
            "comment_form": CommentForm(),
            "can_reply": discussion.is_open_for_discussion(proposal)
            and user.is_authenticated
            and not refusal,
            "labels": {key: str(label) for key, label in COMMENT_LABELS.items()},
        },
    )


def _sign_in_first(request, proposal):
    return redirect_to_login(proposal.get_absolute_url())


def _refused(request, proposal, message: str, anchor: str = ""):
    messages.error(request, message)
    return redirect(proposal.get_absolute_url() + anchor)


# Supports and follows


@require_POST
def support(request, summit, proposal):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    if not request.user.is_authenticated:
        return _sign_in_first(request, proposal)
    refusal = queries.why_cannot_take_part(request.user, summit)
    if refusal:
        return _refused(request, proposal, refusal, "#support")
    call = queries.get_call(summit)
    try:
        discussion.support_proposal(
            proposal, by=request.user, limit=call.max_supports_per_person if call else None
        )
    except ActionRefused as refused:
        return _refused(request, proposal, refused.message, "#support")
    messages.success(request, _("You support this proposal. Thank you!"))
    return redirect(proposal.get_absolute_url() + "#support")


@require_POST
def withdraw_support(request, summit, proposal):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    if not request.user.is_authenticated:
        return _sign_in_first(request, proposal)
    if discussion.withdraw_support(proposal, by=request.user):
        messages.success(request, _("You withdrew your support."))
    else:
        messages.error(request, _("You did not support this proposal."))
    return redirect(proposal.get_absolute_url() + "#support")


@require_POST
def follow(request, summit, proposal):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    if not request.user.is_authenticated:
        return _sign_in_first(request, proposal)
    if not queries.has_verified_email(request.user):
        return _refused(
            request,
            proposal,
            _("Confirm your e-mail address to follow proposals."),
            "#support",
        )
    if proposal.state != State.SUBMITTED:
        return _refused(request, proposal, _("Only submitted proposals can be followed."))
    discussion.follow(proposal, request.user)
    messages.success(
        request,
        _(
            "You follow this proposal: a daily e-mail will tell you about its new comments "
            "and supports."
        ),
    )
    return redirect(proposal.get_absolute_url() + "#support")


@require_POST
def unfollow(request, summit, proposal):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    if not request.user.is_authenticated:
        return _sign_in_first(request, proposal)
    if discussion.unfollow(proposal, request.user):
        messages.success(request, _("You no longer follow this proposal."))
    else:
        messages.error(request, _("You did not follow this proposal."))
    return redirect(proposal.get_absolute_url() + "#support")


# Comments


def comment_create(request, summit, proposal):
    """Post a comment; GET shows the form alone, to reply without the proposal's page."""
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    if not request.user.is_authenticated:
        return _sign_in_first(request, proposal)
    refusal = queries.why_cannot_take_part(request.user, summit)
    if refusal:
        return _refused(request, proposal, refusal, "#discussion")
    if request.method == "POST":
        form = CommentForm(request.POST)
    else:
        form = CommentForm(initial={"parent": request.GET.get("parent")})
    parent = None
    parent_id = request.POST.get("parent") or request.GET.get("parent")
    if parent_id:
        if not str(parent_id).isdigit():
            raise Http404
        parent = queries.get_comment_for_user(request.user, proposal, int(parent_id))
        parent.html = cached_markdown(parent.body) if _is_visible(parent) else ""
        parent.author_name = discussion.public_name(parent.author)
    if request.method == "POST" and form.is_valid():
        try:
            comment = discussion.post_comment(
                proposal, by=request.user, body=form.cleaned_data["body"], parent=parent
            )
        except ActionRefused as refused:
            return _refused(request, proposal, refused.message, "#discussion")
        messages.success(request, _("Your comment was published."))
        return redirect(discussion.comment_link(proposal.get_absolute_url(), comment.pk))
    return render(
        request,
        "proposals/public/comment_form.html",
        {
            "summit": summit,
            "proposal": proposal,
            "text": discussion.reader_text(proposal),
            "form": form,
            "parent": parent,
        },
    )


def comment_edit(request, summit, proposal, comment):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    comment = queries.get_comment_for_user(request.user, proposal, comment)
    if not request.user.is_authenticated:
        return _sign_in_first(request, proposal)
    if not discussion.can_edit_comment(comment, request.user):
        return _refused(
            request,
            proposal,
            _("A comment can be edited by its author during the 15 minutes after it was sent."),
            discussion.comment_anchor(comment.pk),
        )
    data = request.POST if request.method == "POST" else None
    form = CommentEditForm(data, initial={"body": comment.body})
    if form.is_valid():
        try:
            discussion.edit_comment(comment, by=request.user, body=form.cleaned_data["body"])
        except ActionRefused as refused:
            return _refused(
                request, proposal, refused.message, discussion.comment_anchor(comment.pk)
            )
        messages.success(request, _("Your comment was saved."))
        return redirect(discussion.comment_link(proposal.get_absolute_url(), comment.pk))
    return render(
        request,
        "proposals/public/comment_edit.html",
        {
            "summit": summit,
            "proposal": proposal,
            "text": discussion.reader_text(proposal),
            "form": form,
            "comment": comment,
        },
    )


def comment_delete(request, summit, proposal, comment):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    comment = queries.get_comment_for_user(request.user, proposal, comment)
    if not request.user.is_authenticated:
        return _sign_in_first(request, proposal)
    if not discussion.can_delete_comment(comment, request.user):
        return _refused(
            request,
            proposal,
            _("Only the author of a comment can delete it."),
            discussion.comment_anchor(comment.pk),
        )
    if request.method == "POST":
        discussion.delete_comment(comment, by=request.user)
        messages.success(request, _("Your comment was deleted."))
        return redirect(proposal.get_absolute_url() + "#discussion")
    comment.html = render_markdown(comment.body)
    return render(
        request,
        "proposals/public/comment_delete.html",
        {
            "summit": summit,
            "proposal": proposal,
            "text": discussion.reader_text(proposal),
            "comment": comment,
        },
    )


# Reports


def report_proposal(request, summit, proposal):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    return _report(request, summit, proposal, comment=None)


def report_comment(request, summit, proposal, comment):
    summit, proposal = _summit_and_proposal(request, summit, proposal)
    comment = queries.get_comment_for_user(request.user, proposal, comment)
    return _report(request, summit, proposal, comment=comment)


def _report(request, summit, proposal, *, comment):
    anchor = discussion.comment_anchor(comment.pk) if comment else ""
    if not request.user.is_authenticated:
        return _sign_in_first(request, proposal)
    refusal = queries.why_cannot_take_part(request.user, summit)
    if refusal:
        return _refused(request, proposal, refusal, anchor)
    data = request.POST if request.method == "POST" else None
    form = ReportForm(data)
    if form.is_valid():
        try:
            if comment is None:
                moderation.report_proposal(proposal, by=request.user, **form.cleaned_data)
            else:
                moderation.report_comment(comment, by=request.user, **form.cleaned_data)
        except ActionRefused as refused:
            return _refused(request, proposal, refused.message, anchor)
        messages.success(request, _("Thank you: the moderators will look at your report."))
        return redirect(proposal.get_absolute_url() + anchor)
    if comment is not None:
        comment.html = cached_markdown(comment.body) if _is_visible(comment) else ""
        comment.author_name = discussion.public_name(comment.author)
    return render(
        request,
        "proposals/public/report.html",
        {
            "summit": summit,
            "proposal": proposal,
            "text": discussion.reader_text(proposal),
            "comment": comment,
            "form": form,
        },
    )


# Open data


def _open_data(request, summit_slug: str) -> tuple:
    summit = queries.get_summit_for_user(request.user, summit_slug)
    language = translation.get_language() or settings.LANGUAGE_CODE
    rows = opendata.records(
        opendata.for_open_data(queries.public_proposals(summit)),
        summit_slug=summit.slug,
        language=language,
        base_url=request.build_absolute_uri("/"),
    )
    return summit, rows


def open_data_csv(request, summit):
    summit, rows = _open_data(request, summit)
    response = HttpResponse(opendata.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{summit.slug}-proposals.csv"'
    return response


def open_data_json(request, summit):
    summit, rows = _open_data(request, summit)
    response = JsonResponse(
        {"summit": summit.slug, "count": len(rows), "proposals": rows},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = f'inline; filename="{summit.slug}-proposals.json"'
    return response
