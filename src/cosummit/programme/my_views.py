"""A participant's own agenda: stars, the agenda of starred sessions, its calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cosummit.summits.queries import get_summit_for_user

from . import agenda, queries, stars
from .ical import calendar_for_slots
from .models import CalendarFeed
from .views import day_names, released_slot_or_404


def _back(request, default: str):
    """Back to the page the button was on, when it said so, else to `default`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def _session_url(summit, session_id: int) -> str:
    return reverse("programme:session", kwargs={"summit": summit.slug, "session": session_id})


@require_POST
def star(request, summit, session):
    summit, release = queries.get_released_programme_for_user(request.user, summit)
    if release is None:
        raise Http404
    slot = released_slot_or_404(release, session)
    if not request.user.is_authenticated:
        return redirect_to_login(_session_url(summit, slot.session_id))
    try:
        stars.star_session(slot.session, user=request.user)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
        return _back(request, _session_url(summit, slot.session_id))
    messages.success(request, _("“%(title)s” is in your agenda.") % {"title": slot.session.title})
    return _back(request, _session_url(summit, slot.session_id))


@require_POST
def unstar(request, summit, session):
    summit = get_summit_for_user(request.user, summit)
    if not request.user.is_authenticated:
        return redirect_to_login(_session_url(summit, session))
    target = queries.programme_sessions(summit).filter(pk=session).first()
    if target is None:
        raise Http404
    stars.unstar_session(target, user=request.user)
    messages.success(
        request, _("“%(title)s” is no longer in your agenda.") % {"title": target.title}
    )
    return _back(request, reverse("programme:mine", kwargs={"summit": summit.slug}))


@login_required
def my_agenda(request, summit):
    summit, release = queries.get_released_programme_for_user(request.user, summit)
    starred = stars.starred_session_ids(summit, request.user)
    slots = list(queries.released_slots(release).filter(session__in=starred))
    released_ids = {slot.session_id for slot in slots}
    # Stars on sessions that a later release took out of the programme.
    withdrawn = list(
        queries.programme_sessions(summit)
        .filter(pk__in=starred - released_ids)
        .order_by("title", "pk")
    )
    found = agenda.clashes(slots)
    names = day_names(summit) if slots else {}
    days = [
        {
            "date": date,
            "name": names.get(date, ""),
            "entries": [{"slot": slot, "clashes": found.get(slot.session_id, [])} for slot in day],
        }
        for date, day in agenda.by_day(slots, summit.tz).items()
    ]
    return render(
        request,
        "programme/my_agenda.html",
        {
            "summit": summit,
            "release": release,
            "days": days,
            "withdrawn": withdrawn,
            "clash_count": len(found),
            "section": "mine",
        },
    )


@login_required
def my_calendar(request, summit):
    """The secret address of one's agenda as a calendar: shown, made or reset."""
    summit = get_summit_for_user(request.user, summit)
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            stars.reset_calendar_feed(summit, user=request.user)
            messages.success(
                request, _("Your calendar has a new address; the old one no longer works.")
            )
        else:
            stars.create_calendar_feed(summit, user=request.user)
            messages.success(request, _("Your calendar address is ready."))
        return redirect("programme:calendar", summit=summit.slug)
    feed = stars.calendar_feed_of(summit, request.user)
    feed_url = None
    if feed is not None:
        feed_url = request.build_absolute_uri(
            reverse("programme:feed", kwargs={"summit": summit.slug, "token": feed.token})
        )
    return render(
        request,
        "programme/my_calendar.html",
        {"summit": summit, "feed": feed, "feed_url": feed_url, "section": "mine"},
    )


def feed(request, summit, token):
    """The starred sessions as iCalendar, for calendar apps: the secret token is the key."""
    feed = (
        CalendarFeed.objects.filter(token=token, summit__slug=summit)
        .select_related("summit", "user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise Http404
    # The feed shows what its owner may see: nothing of a summit taken offline.
    summit = get_summit_for_user(feed.user, feed.summit.slug)
    slots = queries.released_slots(queries.latest_release(summit)).filter(
        session__stars__user=feed.user
    )
    body = calendar_for_slots(
        summit,
        list(slots),
        base_url=request.build_absolute_uri("/").rstrip("/"),
        name=_("My agenda: %(summit)s") % {"summit": summit.name},
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{summit.slug}-my-agenda.ics"'
    return response
