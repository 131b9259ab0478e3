"""The balance dashboard and the selection helper, for organisers and conveners.

Organisers see every track, conveners the tracks of their deciding teams;
anyone else gets 404. The dashboard shows aggregates only. The selection
helper proposes which proposals to accept (`selection.select_proposals`) from
rules read from the address, so that a proposal can be linked to and worked
out again; marking the proposed proposals as pending accepts is a POST.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cosummit.summits.models import Role
from cosummit.summits.queries import can_organise, has_role

from . import balance, decisions, queries
from .balance_forms import SelectionForm, rule_label
from .models import Outcome
from .selection import NoSelection, select_proposals


def _page(request, template: str, summit, scope, *, status: int = 200, **extra):
    context = {
        "summit": summit,
        "section": "balance",
        "page": template.removesuffix(".html"),
        "is_reviewer": has_role(request.user, summit, Role.REVIEWER),
        "can_decide": True,
        "can_organise": can_organise(request.user, summit),
        "is_limited": scope is not None,
        **extra,
    }
    return render(request, f"review/balance/{template}", context, status=status)


@login_required
def dashboard(request, summit):
    summit, scope = queries.get_summit_for_decider(request.user, summit)
    return _page(
        request, "dashboard.html", summit, scope, balance=balance.summit_balance(summit, scope)
    )


def no_selection_message(error: NoSelection) -> str:
    """Why no selection meets the rules, in the reader's language."""
    details = error.details
    if error.code == "track_minimums_exceed_slots":
        return _(
            "The minimum per track needs %(needed)s accepted proposals, "
            "but only %(slots)s slots can be filled."
        ) % {"needed": details.get("needed"), "slots": details.get("slots")}
    if error.code == "language_minimums_exceed_slots":
        return _(
            "The minimums per language need %(needed)s accepted proposals, "
            "but only %(slots)s slots can be filled."
        ) % {"needed": details.get("needed"), "slots": details.get("slots")}
    if error.code == "infeasible" and details.get("conflicting_rules"):
        return _(
            "The rules cannot all hold at once. Loosening one of these would help: %(rules)s."
        ) % {"rules": ", ".join(rule_label(name) for name in details["conflicting_rules"])}
    if error.code == "infeasible":
        return _("The rules cannot all hold at once: loosen several of them.")
    return _("No selection meets these rules.")


@login_required
def selection_page(request, summit):
    summit, scope = queries.get_summit_for_decider(request.user, summit)
    pool = balance.selection_pool(summit, scope)
    # The form is read from the address once it has been sent: its time limit is there.
    is_sent = "time_limit" in request.GET
    form = SelectionForm(
        request.GET if is_sent else None, formats=pool.formats, languages=pool.languages
    )
    report = error = None
    status = 200
    if is_sent and not form.is_valid():
        status = 400
    elif is_sent:
        rules = form.rules()
        try:
            result = select_proposals(
                pool.candidates, rules, time_limit=form.cleaned_data["time_limit"]
            )
        except NoSelection as no_selection:
            error = no_selection_message(no_selection)
        except RuntimeError:
            error = _("No selection was found within the time limit: allow more time.")
        else:
            report = balance.selection_report(pool, rules, result)
    return _page(
        request,
        "selection.html",
        summit,
        scope,
        status=status,
        pool=pool,
        form=form,
        report=report,
        error=error,
        is_blind=queries.is_blind_for(request.user, summit),
        query=request.GET.urlencode(),
    )


def _selection_url(summit, query: str) -> str:
    url = reverse("review_balance:selection", kwargs={"summit": summit.slug})
    return f"{url}?{query}" if query else url


@login_required
@require_POST
def accept_selection(request, summit):
    summit, scope = queries.get_summit_for_decider(request.user, summit)
    query = request.POST.get("query", "")
    try:
        pks = [int(value) for value in request.POST.getlist("proposal")]
    except ValueError:
        pks = []
    if not pks:
        messages.error(request, _("Choose the proposals to mark as pending accept."))
        return redirect(_selection_url(summit, query))
    proposals = balance.get_proposals_for_selection(summit, scope, pks)
    try:
        count = decisions.decide_together(proposals, outcome=Outcome.ACCEPT, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_selection_url(summit, query))
    messages.success(
        request,
        ngettext(
            "%(count)s proposal is now a pending accept.",
            "%(count)s proposals are now pending accepts.",
            count,
        )
        % {"count": count},
    )
    return redirect("review_decisions:list", summit=summit.slug)
