"""Check-in at the door, for organisers and check-in staff, on a phone.

The page has one field: a registration code (typed, or filled in by the
camera scanner of `checkin.js`) checks the person in at once; anything else
is searched among names, e-mails and organisations, with a button to check
in each person found. After a check-in, the page shows the outcome for the
person, ready for the next one: the address carries the registration and the
outcome, so that reloading it never checks anyone in twice.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import domain
from . import organiser_queries as organiser
from .models import Status
from .organiser_forms import CheckInForm

CHECKED_IN = "checked-in"
ALREADY = "already"
REFUSED = "refused"
OUTCOMES = (CHECKED_IN, ALREADY, REFUSED)


def _page(event, **query) -> str:
    url = reverse(
        "registration_organise:checkin", kwargs={"summit": event.summit.slug, "event": event.slug}
    )
    return f"{url}?{urlencode(query)}" if query else url


@login_required
def events(request, summit):
    summit = organiser.get_summit_for_check_in(request.user, summit)
    return render(
        request,
        "registration/checkin/events.html",
        {"summit": summit, "events": list(organiser.check_in_events(summit))},
    )


@login_required
def check_in_page(request, summit, event):
    event = organiser.get_event_for_check_in(request.user, summit, event)
    if request.method == "POST":
        return _check_in(request, event)
    search = request.GET.get("q", "").strip()[:200]
    matches = organiser.check_in_matches(event, search) if search else []
    result = _result(event, request.GET.get("registration"), request.GET.get("outcome"))
    by_category, total = organiser.check_in_counts(event)
    return render(
        request,
        "registration/checkin/page.html",
        {
            "summit": event.summit,
            "event": event,
            "form": CheckInForm(),
            "search": search,
            "matches": matches,
            "result": result,
            "counts": by_category,
            "total": total,
            "confirmed": Status.CONFIRMED,
        },
    )


def _result(event, registration_id, outcome):
    if outcome not in OUTCOMES or not (registration_id or "").isdigit():
        return None
    registration = organiser.event_registrations(event).filter(pk=registration_id).first()
    if registration is None:
        return None
    warning = already_checked_in(registration, event) if outcome == ALREADY else ""
    return {"registration": registration, "outcome": outcome, "warning": warning}


def already_checked_in(registration, event) -> str:
    """Says when and by whom someone was checked in, in the event's time zone."""
    if registration.checked_in_at is None:
        return ""
    at = timezone.localtime(registration.checked_in_at, event.tz)
    values = {
        "time": date_format(at, "H:i"),
        "date": date_format(at, "DATE_FORMAT"),
        "person": registration.checked_in_by or "",
    }
    same_day = at.date() == timezone.localtime(timezone.now(), event.tz).date()
    if same_day and registration.checked_in_by:
        return _("Already checked in at %(time)s by %(person)s.") % values
    if same_day:
        return _("Already checked in at %(time)s.") % values
    if registration.checked_in_by:
        return _("Already checked in on %(date)s at %(time)s by %(person)s.") % values
    return _("Already checked in on %(date)s at %(time)s.") % values


def _check_in(request, event):
    registration = None
    registration_id = request.POST.get("registration", "")
    if registration_id.isdigit():
        registration = organiser.event_registrations(event).filter(pk=registration_id).first()
    else:
        form = CheckInForm(request.POST)
        if not form.is_valid():
            return redirect(_page(event))
        text = form.cleaned_data["code"].strip()
        registration = organiser.registration_by_code(event, text)
        if registration is None:
            return redirect(_page(event, q=text))
    if registration is None:
        return redirect(_page(event))
    try:
        result = domain.check_in(registration, by=request.user)
    except domain.NotAllowed:
        outcome = REFUSED
    else:
        outcome = ALREADY if result.already else CHECKED_IN
    return redirect(_page(event, registration=registration.pk, outcome=outcome))
