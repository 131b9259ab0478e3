from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cosummit.core.jsonld import json_ld_script
from cosummit.registration.availability import availability

from . import queries
from .calendar import events_calendar
from .models import Event
from .structured_data import event_json_ld


def home(request):
    summits = list(queries.visible_summits(request.user).order_by("-start_date")[:6])
    featured = summits[0] if summits else None
    upcoming = []
    if featured:
        upcoming = list(queries.upcoming(queries.events_for_user(request.user, featured))[:4])
    return render(
        request,
        "summits/home.html",
        {"featured": featured, "others": summits[1:], "upcoming": upcoming},
    )


def summit_detail(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    events = queries.events_for_user(request.user, summit)
    return render(
        request,
        "summits/summit_detail.html",
        {
            "summit": summit,
            "upcoming": list(queries.upcoming(events)[:6]),
            "pages": list(queries.pages_for_user(request.user, summit)),
            "can_organise": queries.can_organise(request.user, summit),
        },
    )


def event_list(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    events = queries.events_for_user(request.user, summit)
    kind = request.GET.get("kind", "")
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    else:
        kind = ""
    when = request.GET.get("when", "upcoming")
    if when == "past":
        events = queries.past(events)
    elif when == "all":
        pass
    else:
        when = "upcoming"
        events = queries.upcoming(events)
    return render(
        request,
        "summits/event_list.html",
        {
            "summit": summit,
            "events": list(events),
            "kind": kind,
            "when": when,
            "kinds": Event.Kind.choices,
            "whens": [("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
        },
    )


def event_detail(request, summit, event):
    summit = queries.get_summit_for_user(request.user, summit)
    event = queries.get_event_for_user(request.user, summit, event)
    url = request.build_absolute_uri(event.get_absolute_url())
    return render(
        request,
        "summits/event_detail.html",
        {
            "summit": summit,
            "event": event,
            "json_ld": json_ld_script(event_json_ld(event, url=url)),
            "can_organise": queries.can_organise(request.user, summit),
            "registration": availability(event),
        },
    )


def event_calendar(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    events = queries.events_for_user(request.user, summit).filter(is_published=True)
    body = events_calendar(summit, events, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{summit.slug}-events.ics"'
    return response


def page_detail(request, summit, page):
    summit = queries.get_summit_for_user(request.user, summit)
    page = queries.get_page_for_user(request.user, summit, page)
    return render(request, "summits/page_detail.html", {"summit": summit, "page": page})
