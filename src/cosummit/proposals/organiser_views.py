"""The organiser pages of the call: its rules, formats, tracks, access codes,
questions, and the list of proposals.

Only the summit's organisers reach them: everyone else gets 404, through
`summits.queries.get_summit_for_organiser`.
"""

import copy
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cosummit.core.organiser_editing import save_from_form
from cosummit.core.question_editing import (
    dependants_consequences,
    move_as_posted,
    question_rows,
)
from cosummit.summits.queries import get_summit_for_organiser

from . import call_editing, domain, organiser_forms, queries
from .models import AccessCode, ProposalQuestion, SessionFormat, State, Track

PAGE_SIZE = 100


def _render(request, template: str, summit, part: str, **context):
    return render(
        request,
        f"proposals/organise/{template}",
        {"summit": summit, "section": "call", "part": part, **context},
    )


def _call_or_redirect(request, summit_slug: str):
    """The summit and its call; (summit, None) when the call is not set up yet."""
    summit = get_summit_for_organiser(request.user, summit_slug)
    return summit, queries.get_call(summit)


def _needs_call(request, summit):
    messages.error(request, _("Set up the call for proposals first."))
    return redirect("proposals_organise:settings", summit=summit.slug)


def _in_call(model, call, pk: int):
    found = model.objects.filter(call=call, pk=pk).first()
    if found is None:
        raise Http404
    return found


# The call's rules


@login_required
def call_settings(request, summit):
    summit, call = _call_or_redirect(request, summit)
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.CallForm(data, instance=copy.copy(call) if call else None, summit=summit)
    if form.is_valid():
        fields = dict(form.cleaned_data)
        languages = fields.pop("languages")
        if call is None:
            call_editing.create_call(summit, by=request.user, languages=languages, **fields)
            messages.success(
                request,
                _(
                    "The call for proposals is set up, with five session formats that you "
                    "can change."
                ),
            )
        else:
            call_editing.update_call(call, by=request.user, languages=languages, **fields)
            messages.success(request, _("The call’s rules were saved."))
        return redirect("proposals_organise:settings", summit=summit.slug)
    return _render(request, "settings.html", summit, "settings", form=form, call=call)


# Formats


@login_required
def format_list(request, summit):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        return _needs_call(request, summit)
    formats = list(call.formats.all())
    return _render(request, "format_list.html", summit, "formats", call=call, formats=formats)


@login_required
def format_edit(request, summit, session_format=None):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        return _needs_call(request, summit)
    existing = _in_call(SessionFormat, call, session_format) if session_format else None
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.FormatForm(
        data, instance=copy.copy(existing) if existing else None, summit=summit
    )
    if save_from_form(
        request,
        form,
        existing=existing,
        create=partial(call_editing.create_format, call, by=request.user),
        update=partial(call_editing.update_format, by=request.user),
        added=_("The format “%(name)s” was added."),
        saved=_("The format “%(name)s” was saved."),
    ):
        return redirect("proposals_organise:formats", summit=summit.slug)
    return _render(
        request,
        "object_form.html",
        summit,
        "formats",
        form=form,
        object=existing,
        heading=_("Edit the format") if existing else _("Add a format"),
        cancel_url=reverse("proposals_organise:formats", kwargs={"summit": summit.slug}),
    )


@login_required
def format_delete(request, summit, session_format):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        raise Http404
    existing = _in_call(SessionFormat, call, session_format)
    if request.method == "POST":
        try:
            call_editing.delete_format(existing, by=request.user)
        except domain.ProposalError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The format “%(name)s” was deleted.") % {"name": existing})
        return redirect("proposals_organise:formats", summit=summit.slug)
    return _render(
        request,
        "confirm_delete.html",
        summit,
        "formats",
        heading=_("Delete the format “%(name)s”?") % {"name": existing},
        cancel_url=reverse("proposals_organise:formats", kwargs={"summit": summit.slug}),
    )


# Tracks


@login_required
def track_list(request, summit):
    summit, call = _call_or_redirect(request, summit)
    tracks = list(Track.objects.filter(summit=summit))
    return _render(request, "track_list.html", summit, "tracks", call=call, tracks=tracks)


@login_required
def track_edit(request, summit, track=None):
    summit, _call = _call_or_redirect(request, summit)
    existing = None
    if track is not None:
        existing = Track.objects.filter(summit=summit, pk=track).first()
        if existing is None:
            raise Http404
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.TrackForm(
        data, instance=copy.copy(existing) if existing else None, summit=summit
    )
    if save_from_form(
        request,
        form,
        existing=existing,
        create=partial(call_editing.create_track, summit, by=request.user),
        update=partial(call_editing.update_track, by=request.user),
        added=_("The track “%(name)s” was added."),
        saved=_("The track “%(name)s” was saved."),
    ):
        return redirect("proposals_organise:tracks", summit=summit.slug)
    return _render(
        request,
        "object_form.html",
        summit,
        "tracks",
        form=form,
        object=existing,
        heading=_("Edit the track") if existing else _("Add a track"),
        cancel_url=reverse("proposals_organise:tracks", kwargs={"summit": summit.slug}),
    )


@login_required
def track_delete(request, summit, track):
    summit, _call = _call_or_redirect(request, summit)
    existing = Track.objects.filter(summit=summit, pk=track).first()
    if existing is None:
        raise Http404
    if request.method == "POST":
        call_editing.delete_track(existing, by=request.user)
        messages.success(request, _("The track “%(name)s” was deleted.") % {"name": existing})
        return redirect("proposals_organise:tracks", summit=summit.slug)
    count = existing.proposals.count()
    return _render(
        request,
        "confirm_delete.html",
        summit,
        "tracks",
        heading=_("Delete the track “%(name)s”?") % {"name": existing},
        consequences=[
            _("%(count)d proposals of this track will have no track.") % {"count": count}
        ],
        cancel_url=reverse("proposals_organise:tracks", kwargs={"summit": summit.slug}),
    )


# Access codes


@login_required
def code_list(request, summit):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        return _needs_call(request, summit)
    codes = list(AccessCode.objects.filter(call=call).prefetch_related("formats"))
    return _render(request, "code_list.html", summit, "codes", call=call, codes=codes)


@login_required
def code_edit(request, summit, code=None):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        return _needs_call(request, summit)
    existing = _in_call(AccessCode, call, code) if code else None
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.AccessCodeForm(
        data, instance=copy.copy(existing) if existing else None, call=call
    )
    if form.is_valid():
        fields = dict(form.cleaned_data)
        formats = fields.pop("formats")
        if existing is None:
            call_editing.create_access_code(call, by=request.user, formats=formats, **fields)
            messages.success(request, _("The access code was added."))
        else:
            call_editing.update_access_code(existing, by=request.user, formats=formats, **fields)
            messages.success(request, _("The access code was saved."))
        return redirect("proposals_organise:codes", summit=summit.slug)
    return _render(
        request,
        "object_form.html",
        summit,
        "codes",
        form=form,
        object=existing,
        heading=_("Edit the access code") if existing else _("Add an access code"),
        cancel_url=reverse("proposals_organise:codes", kwargs={"summit": summit.slug}),
    )


@login_required
def code_delete(request, summit, code):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        raise Http404
    existing = _in_call(AccessCode, call, code)
    if request.method == "POST":
        call_editing.delete_access_code(existing, by=request.user)
        messages.success(request, _("The access code was deleted."))
        return redirect("proposals_organise:codes", summit=summit.slug)
    return _render(
        request,
        "confirm_delete.html",
        summit,
        "codes",
        heading=_("Delete the access code “%(code)s”?") % {"code": existing.code},
        cancel_url=reverse("proposals_organise:codes", kwargs={"summit": summit.slug}),
    )


# Questions


@login_required
def question_list(request, summit):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        return _needs_call(request, summit)
    questions = list(
        ProposalQuestion.objects.filter(call=call)
        .select_related("depends_on")
        .prefetch_related("formats", "tracks")
    )
    rows = question_rows(questions, namespace="proposals_organise", summit=summit.slug)
    return _render(
        request,
        "question_list.html",
        summit,
        "questions",
        call=call,
        questions=questions,
        rows=rows,
    )


@login_required
def question_edit(request, summit, question=None):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        return _needs_call(request, summit)
    existing = _in_call(ProposalQuestion, call, question) if question else None
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.ProposalQuestionForm(
        data, instance=copy.copy(existing) if existing else None, call=call
    )
    if form.is_valid():
        values = form.question_values
        if existing is None:
            call_editing.create_question(call, by=request.user, **values)
            messages.success(request, _("The question was added."))
        else:
            call_editing.update_question(existing, by=request.user, **values)
            messages.success(request, _("The question was saved."))
        return redirect("proposals_organise:questions", summit=summit.slug)
    return _render(
        request,
        "object_form.html",
        summit,
        "questions",
        form=form,
        object=existing,
        heading=_("Edit the question") if existing else _("Add a question"),
        cancel_url=reverse("proposals_organise:questions", kwargs={"summit": summit.slug}),
    )


@login_required
def question_delete(request, summit, question):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        raise Http404
    existing = _in_call(ProposalQuestion, call, question)
    if request.method == "POST":
        call_editing.delete_question(existing, by=request.user)
        messages.success(request, _("The question was deleted."))
        return redirect("proposals_organise:questions", summit=summit.slug)
    return _render(
        request,
        "confirm_delete.html",
        summit,
        "questions",
        heading=_("Delete the question “%(question)s”?") % {"question": existing.label},
        consequences=[
            _("Answers already given to it are kept with the proposals, but no longer shown."),
            *dependants_consequences(existing),
        ],
        cancel_url=reverse("proposals_organise:questions", kwargs={"summit": summit.slug}),
    )


@login_required
@require_POST
def question_move(request, summit, question):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        raise Http404
    existing = _in_call(ProposalQuestion, call, question)
    move_as_posted(request, existing, call_editing.move_question)
    return redirect("proposals_organise:questions", summit=summit.slug)


# Proposals


@login_required
def proposal_list(request, summit):
    summit, call = _call_or_redirect(request, summit)
    if call is None:
        return _needs_call(request, summit)
    filter_form = organiser_forms.ProposalFilterForm(request.GET or None, call=call)
    filters = filter_form.filters()
    proposals = queries.organiser_proposals(summit, **filters)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    counts = queries.proposal_counts(summit)
    return _render(
        request,
        "proposal_list.html",
        summit,
        "proposals",
        call=call,
        filter_form=filter_form,
        page=page,
        proposals=list(page.object_list),
        state_counts=[
            (label, counts[value]) for value, label in State.choices if value != State.DRAFT
        ],
        draft_count=counts[State.DRAFT],
        query=query.urlencode(),
    )
