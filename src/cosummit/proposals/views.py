"""Writing a proposal: the step-by-step form, co-speakers, "my proposals".

Every step saves the draft on "Save and continue"; with JavaScript,
`proposal-form.js` also posts the step every few seconds with `autosave=1`
and gets JSON back. Without JavaScript, every page works with plain forms.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cosummit.core.markdown import render_markdown
from cosummit.core.questions import display_answer, visible_questions

from . import domain, forms, queries
from .models import Invitation, Speaker, State

STEPS = (
    ("format", gettext_lazy("Format and track")),
    ("text", gettext_lazy("Title and text")),
    ("organisations", gettext_lazy("Organisations and audience")),
    ("questions", gettext_lazy("Questions")),
    ("speakers", gettext_lazy("Co-speakers")),
    ("review", gettext_lazy("Review and submit")),
)
STEP_NAMES = [name for name, _label in STEPS]


def _summit_and_call(request, slug: str):
    summit = queries.get_summit_for_user(request.user, slug)
    call = queries.get_call(summit)
    if call is None:
        raise Http404
    return summit, call


def _refusal(request, summit, message: str, *, status: int = 403):
    return render(
        request,
        "proposals/submit/refused.html",
        {"summit": summit, "message": message},
        status=status,
    )


def _why_not(request, summit) -> str:
    """Why the signed-in person cannot write proposals, or ""."""
    user = request.user
    if not queries.has_verified_email(user):
        return _(
            "Confirm your e-mail address before writing a proposal: open the link we sent you, "
            "or ask for a new one from your profile."
        )
    if queries.is_blocked(user, summit):
        return _("The moderators have blocked you from taking part in this summit.")
    if not queries.can_take_part(user, summit):
        return _("Your account cannot take part in this summit.")
    return ""


def _step_url(proposal, step: str) -> str:
    return reverse(
        "proposals:edit",
        kwargs={"summit": proposal.summit.slug, "proposal": proposal.pk, "step": step},
    )


def _deadline_context(call, session_format):
    return {"deadline": domain.deadline_of(call, session_format)}


# My proposals


@login_required
def mine(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    call = queries.get_call(summit)
    proposals = list(queries.my_proposals(request.user, summit))
    now = timezone.now()
    rows = [
        {
            "proposal": proposal,
            "speakers": [speaker.user for speaker in proposal.speaker_set.all()],
            "can_edit": call is not None and domain.may_still_edit(proposal, call=call, now=now),
            "can_withdraw": proposal.state in (State.DRAFT, State.SUBMITTED)
            and any(
                speaker.is_author and speaker.user_id == request.user.pk
                for speaker in proposal.speaker_set.all()
            ),
            "deadline": domain.deadline_of(call, proposal.format) if call else None,
        }
        for proposal in proposals
    ]
    return render(
        request,
        "proposals/submit/mine.html",
        {
            "summit": summit,
            "call": call,
            "rows": rows,
            "invitations": list(queries.pending_invitations_for(request.user, summit)),
        },
    )


# Writing


@login_required
def create(request, summit):
    summit, call = _summit_and_call(request, summit)
    reason = _why_not(request, summit)
    if reason:
        return _refusal(request, summit, reason)
    if not domain.has_opened(call):
        return _refusal(request, summit, _("The call for proposals has not opened yet."))
    data = request.POST if request.method == "POST" else None
    form = forms.FormatStepForm(data, proposal=None, call=call, strict=False)
    if form.is_valid():
        proposal = domain.create_proposal(summit, by=request.user, **form.cleaned_data)
        messages.success(request, _("Your draft is saved. Now give it a title and a text."))
        return redirect(_step_url(proposal, "text"))
    return render(
        request,
        "proposals/submit/step_format.html",
        {
            "summit": summit,
            "call": call,
            "form": form,
            "proposal": None,
            "steps": STEPS,
            "step": "format",
            "deadline": call.closes_at,
            "formats": list(form.fields["format"].queryset),
        },
    )


def _step_form(step: str, proposal, call, data):
    strict = proposal.state != State.DRAFT
    common = {"proposal": proposal, "call": call, "strict": strict}
    if step == "format":
        initial = {
            "format": proposal.format_id,
            "duration": proposal.duration,
            "track": proposal.track_id,
            "language": proposal.language,
            "session_language": proposal.session_language,
        }
        return forms.FormatStepForm(data, initial=initial, **common), None
    if step == "text":
        initial = {
            name: getattr(proposal, name)
            for name in (
                "title",
                "abstract",
                "description",
                "other_language",
                "other_title",
                "other_abstract",
            )
        }
        return forms.TextStepForm(data, initial=initial, **common), None
    if step == "organisations":
        initial = {
            "expected_audience": proposal.expected_audience,
            "audience_description": proposal.audience_description,
            "interpretation": proposal.interpretation,
        }
        form = forms.AudienceStepForm(data, initial=initial, **common)
        formset = forms.organisation_formset(data, proposal, strict=strict)
        return form, formset
    if step == "questions":
        questions = list(queries.proposal_questions(call, proposal.format, proposal.track))
        form = forms.QuestionsStepForm(
            data, questions=questions, answers=proposal.answers, strict=strict
        )
        return form, None
    return None, None


def _save_step(step: str, proposal, form, formset, user) -> None:
    if step == "organisations":
        domain.update_proposal(
            proposal, by=user, organisations=formset.organisations(), **form.cleaned_data
        )
    elif step == "questions":
        domain.update_proposal(proposal, by=user, answers=form.cleaned_answers)
    elif step == "format":
        fields = dict(form.cleaned_data)
        domain.update_proposal(proposal, by=user, **fields)
    else:
        domain.update_proposal(proposal, by=user, **form.cleaned_data)


def _errors_of(form, formset) -> dict:
    errors = {name: [str(error) for error in errors] for name, errors in form.errors.items()}
    if formset is not None:
        for index, row in enumerate(formset.errors):
            for name, row_errors in row.items():
                errors[f"organisations-{index}-{name}"] = [str(error) for error in row_errors]
        if formset.non_form_errors():
            errors["organisations"] = [str(error) for error in formset.non_form_errors()]
    return errors


def _is_author(user, proposal) -> bool:
    return Speaker.objects.filter(proposal=proposal, user=user, is_author=True).exists()


def _editable_proposal(request, summit_slug: str, pk: int):
    """The proposal `request.user` may change now, or a refusal page to show instead."""
    summit, call = _summit_and_call(request, summit_slug)
    proposal = queries.get_proposal_for_speaker(request.user, summit, pk)
    reason = _why_not(request, summit)
    if not reason and not domain.may_still_edit(proposal, call=call):
        if proposal.state in (State.DRAFT, State.SUBMITTED):
            reason = _("The deadline has passed: this proposal can no longer be changed.")
        else:
            reason = _("This proposal was %(state)s: it can no longer be changed.") % {
                "state": proposal.get_state_display().lower()
            }
    return summit, call, proposal, reason


@login_required
def edit(request, summit, proposal, step):
    if step not in STEP_NAMES:
        raise Http404
    summit, call, proposal, reason = _editable_proposal(request, summit, proposal)
    is_autosave = request.method == "POST" and request.POST.get("autosave") == "1"
    if reason:
        if is_autosave:
            return JsonResponse({"saved": False, "message": reason}, status=403)
        return _refusal(request, summit, reason)
    if step == "speakers":
        return _speakers_page(request, summit, call, proposal)
    if step == "review":
        return _review_page(request, summit, call, proposal)
    data = request.POST if request.method == "POST" else None
    form, formset = _step_form(step, proposal, call, data)
    if data is not None:
        valid = form.is_valid() and (formset is None or formset.is_valid())
        if valid:
            _save_step(step, proposal, form, formset, request.user)
        if is_autosave:
            return _autosave_answer(valid, form, formset)
        if valid:
            index = STEP_NAMES.index(step)
            go = request.POST.get("go")
            if go == "previous" and index > 0:
                return redirect(_step_url(proposal, STEP_NAMES[index - 1]))
            if go == "stay":
                messages.success(request, _("Your changes are saved."))
                return redirect(_step_url(proposal, step))
            return redirect(_step_url(proposal, STEP_NAMES[index + 1]))
    context = {
        "summit": summit,
        "call": call,
        "proposal": proposal,
        "form": form,
        "formset": formset,
        "steps": STEPS,
        "step": step,
        **_deadline_context(call, proposal.format),
    }
    if step == "format":
        context["formats"] = list(form.fields["format"].queryset)
    return render(request, f"proposals/submit/step_{step}.html", context)


def _autosave_answer(valid: bool, form, formset) -> JsonResponse:
    if valid:
        now = timezone.localtime()
        return JsonResponse(
            {
                "saved": True,
                "message": _("Saved at %(time)s.") % {"time": time_format(now, "H:i")},
            }
        )
    return JsonResponse(
        {
            "saved": False,
            "message": _("Not saved: correct the errors, then save."),
            "errors": _errors_of(form, formset),
        },
        status=400,
    )


def _review_page(request, summit, call, proposal, *, problems=(), status=200):
    questions = list(queries.proposal_questions(call, proposal.format, proposal.track))
    answers = []
    for question in visible_questions(questions, proposal.answers):
        value = proposal.answers.get(str(question.pk))
        answers.append((question, display_answer(question, value)))
    text = "\n".join(part for part in (proposal.title, proposal.abstract) if part)
    similar = queries.similar_proposals(summit, text, exclude=[proposal.pk])
    return render(
        request,
        "proposals/submit/step_review.html",
        {
            "summit": summit,
            "call": call,
            "proposal": proposal,
            "steps": STEPS,
            "step": "review",
            "missing": domain.missing_for_submission(proposal, questions),
            "problems": list(problems),
            "answers": answers,
            "organisations": list(proposal.organisations.all()),
            "speakers": list(proposal.speaker_set.select_related("user")),
            "similar": similar,
            "description_html": render_markdown(proposal.description),
            **_deadline_context(call, proposal.format),
        },
        status=status,
    )


def _speakers_page(request, summit, call, proposal, *, form=None, status=200):
    speakers = list(proposal.speaker_set.select_related("user"))
    invitations = list(
        proposal.invitations.filter(status=Invitation.Status.PENDING).select_related("invited_by")
    )
    places = call.max_co_speakers - domain.co_speaker_places_taken(proposal)
    return render(
        request,
        "proposals/submit/step_speakers.html",
        {
            "summit": summit,
            "call": call,
            "proposal": proposal,
            "steps": STEPS,
            "step": "speakers",
            "speakers": speakers,
            "invitations": invitations,
            "places_left": max(places, 0),
            "form": form or forms.InvitationForm(),
            **_deadline_context(call, proposal.format),
        },
        status=status,
    )


@login_required
@require_POST
def submit(request, summit, proposal):
    summit, call, proposal, reason = _editable_proposal(request, summit, proposal)
    if reason:
        return _refusal(request, summit, reason)
    questions = list(queries.proposal_questions(call, proposal.format, proposal.track))
    try:
        domain.submit_proposal(proposal, by=request.user, questions=questions)
    except domain.ProposalError as error:
        return _review_page(request, summit, call, proposal, problems=error.messages)
    messages.success(
        request,
        _("Your proposal is submitted. Each speaker gets an acknowledgement by e-mail."),
    )
    return redirect("proposals:mine", summit=summit.slug)


@login_required
def withdraw(request, summit, proposal):
    summit = queries.get_summit_for_user(request.user, summit)
    proposal = queries.get_proposal_for_speaker(request.user, summit, proposal)
    if not _is_author(request.user, proposal):
        return _refusal(request, summit, _("Only the authors of the proposal may withdraw it."))
    if proposal.state not in (State.DRAFT, State.SUBMITTED):
        return _refusal(request, summit, _("This proposal can no longer be withdrawn."))
    if request.method == "POST":
        try:
            domain.withdraw_proposal(proposal, by=request.user)
        except domain.ProposalError as error:
            return _refusal(request, summit, error.messages[0])
        messages.success(request, _("The proposal “%(title)s” is withdrawn.") % {"title": proposal})
        return redirect("proposals:mine", summit=summit.slug)
    return render(
        request, "proposals/submit/withdraw.html", {"summit": summit, "proposal": proposal}
    )


# Co-speakers


@login_required
@require_POST
def invite(request, summit, proposal):
    summit, call, proposal, reason = _editable_proposal(request, summit, proposal)
    if not reason and not _is_author(request.user, proposal):
        reason = _("Only the authors of the proposal invite co-speakers.")
    if reason:
        return _refusal(request, summit, reason)
    form = forms.InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = domain.invite_co_speaker(
                proposal, email=form.cleaned_data["email"], by=request.user
            )
        except domain.ProposalError as error:
            form.add_error("email", error.messages[0])
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect(_step_url(proposal, "speakers"))
    return _speakers_page(request, summit, call, proposal, form=form)


@login_required
@require_POST
def revoke(request, summit, proposal, invitation):
    summit, _call, proposal, reason = _editable_proposal(request, summit, proposal)
    if not reason and not _is_author(request.user, proposal):
        reason = _("Only the authors of the proposal revoke invitations.")
    if reason:
        return _refusal(request, summit, reason)
    invitation = proposal.invitations.filter(pk=invitation).first()
    if invitation is None:
        raise Http404
    try:
        domain.revoke_invitation(invitation, by=request.user)
    except domain.ProposalError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
        )
    return redirect(_step_url(proposal, "speakers"))


@login_required
@require_POST
def remove_speaker(request, summit, proposal, speaker):
    summit, _call, proposal, reason = _editable_proposal(request, summit, proposal)
    if reason:
        return _refusal(request, summit, reason)
    speaker = Speaker.objects.filter(proposal=proposal, pk=speaker).select_related("user").first()
    if speaker is None:
        raise Http404
    if speaker.user_id != request.user.pk and not _is_author(request.user, proposal):
        return _refusal(request, summit, _("Only the authors of the proposal remove speakers."))
    try:
        domain.remove_co_speaker(speaker, by=request.user)
    except domain.ProposalError as error:
        messages.error(request, error.messages[0])
        return redirect(_step_url(proposal, "speakers"))
    messages.success(
        request, _("%(person)s is no longer a speaker of this proposal.") % {"person": speaker}
    )
    if speaker.user_id == request.user.pk:
        return redirect("proposals:mine", summit=summit.slug)
    return redirect(_step_url(proposal, "speakers"))


def invitation(request, summit, token):
    summit = queries.get_summit_for_user(request.user, summit)
    invitation = queries.get_invitation(summit, token)
    reason = ""
    if request.user.is_authenticated:
        reason = _why_not(request, summit)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if reason:
            return _refusal(request, summit, reason)
        try:
            if request.POST.get("answer") == "accept":
                domain.accept_invitation(invitation, user=request.user)
                messages.success(
                    request,
                    _("You are now a speaker of “%(title)s”.") % {"title": invitation.proposal},
                )
                call = queries.get_call(summit)
                if call is not None and domain.may_still_edit(invitation.proposal, call=call):
                    return redirect(_step_url(invitation.proposal, "review"))
                return redirect("proposals:mine", summit=summit.slug)
            if request.POST.get("answer") == "decline":
                domain.decline_invitation(invitation, user=request.user)
                messages.success(request, _("You declined the invitation."))
                return redirect("summits:summit", summit=summit.slug)
            messages.error(request, _("Nothing was changed: choose to accept or decline."))
        except domain.ProposalError as error:
            messages.error(request, error.messages[0])
    return render(
        request,
        "proposals/submit/invitation.html",
        {"summit": summit, "invitation": invitation, "reason": reason},
    )


# Similar proposals


@login_required
@require_POST
def similar(request, summit):
    """The HTML fragment listing proposals similar to the posted title and abstract."""
    summit = queries.get_summit_for_user(request.user, summit)
    form = forms.SimilarForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    text = "\n".join(
        part for part in (form.cleaned_data["title"], form.cleaned_data["abstract"]) if part
    )
    exclude = [form.cleaned_data["proposal"]] if form.cleaned_data["proposal"] else []
    return render(
        request,
        "proposals/submit/_similar.html",
        {"similar": queries.similar_proposals(summit, text, exclude=exclude), "summit": summit},
    )
