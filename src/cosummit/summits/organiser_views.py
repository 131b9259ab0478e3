"""The organiser area: a summit's details, events, venues, rooms, pages and team.

Every view finds its objects through the `*_for_organiser` helpers of
`queries.py`, which answer 404 to anyone who does not organise the summit,
and writes through `domain.py`.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import domain, forms, queries
from .models import Role


def _redirect_back(request, default: str):
    """Go back to the page a button was on, when it said so, else to `default`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def _draft(instance):
    # Forms write what they read onto the instance they are given, even when
    # the input is refused; they get a copy so that the page keeps showing
    # the saved row.
    return copy.copy(instance)


def _render(request, template: str, summit, section: str, **context):
    return render(
        request, f"summits/organise/{template}", {"summit": summit, "section": section, **context}
    )


# Summits


@login_required
def index(request):
    return render(
        request,
        "summits/organise/index.html",
        {
            "summits": list(queries.summits_organised_by(request.user)),
            "can_create_summit": queries.can_create_summit(request.user),
        },
    )


@login_required
def summit_create(request):
    if not queries.can_create_summit(request.user):
        raise Http404
    form = forms.SummitForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        summit = domain.create_summit(by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("The summit “%(name)s” was created, not published yet. You are its organiser.")
            % {"name": summit.name},
        )
        return redirect("organise:summit", summit=summit.slug)
    return render(request, "summits/organise/summit_create.html", {"form": form})


@login_required
def summit(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    events = list(queries.organiser_events(summit))
    venues = list(queries.venues_with_rooms(summit))
    team = {}
    for membership in queries.team_of(summit):
        team.setdefault(membership.user, []).append(membership.get_role_display())
    return _render(
        request,
        "summit.html",
        summit,
        "overview",
        events=events,
        published_event_count=sum(event.is_published for event in events),
        venues=venues,
        room_count=sum(len(venue.rooms.all()) for venue in venues),
        pages=list(queries.summit_pages(summit)),
        team=team,
    )


@login_required
def summit_edit(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    data = request.POST if request.method == "POST" else None
    form = forms.SummitForm(data, instance=_draft(summit))
    if form.is_valid():
        domain.update_summit(summit, by=request.user, **form.cleaned_data)
        messages.success(request, _("The summit’s details were saved."))
        return redirect("organise:summit", summit=summit.slug)
    return _render(request, "summit_form.html", summit, "details", form=form)


@login_required
@require_POST
def summit_publication(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    form = forms.PublicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: the request was not understood."))
    elif form.cleaned_data["is_published"]:
        domain.set_summit_published(summit, is_published=True, by=request.user)
        messages.success(request, _("The summit is published: everyone can see it."))
    else:
        domain.set_summit_published(summit, is_published=False, by=request.user)
        messages.success(request, _("The summit is a draft again: only its team can see it."))
    return redirect("organise:summit", summit=summit.slug)


# Events


@login_required
def event_list(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    events = list(queries.organiser_events(summit))
    return _render(request, "event_list.html", summit, "events", events=events)


@login_required
def event_create(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    data = request.POST if request.method == "POST" else None
    form = forms.EventForm(data, summit=summit)
    if form.is_valid():
        event = domain.create_event(summit, by=request.user, **form.cleaned_data)
        messages.success(request, _("The event “%(title)s” was added.") % {"title": event.title})
        return redirect("organise:events", summit=summit.slug)
    return _render(request, "event_form.html", summit, "events", form=form, event=None)


@login_required
def event_edit(request, summit, event):
    event = queries.get_event_for_organiser(request.user, summit, event)
    summit = event.summit
    data = request.POST if request.method == "POST" else None
    form = forms.EventForm(data, instance=_draft(event), summit=summit)
    if form.is_valid():
        domain.update_event(event, by=request.user, **form.cleaned_data)
        messages.success(request, _("The event “%(title)s” was saved.") % {"title": event.title})
        return redirect("organise:events", summit=summit.slug)
    return _render(request, "event_form.html", summit, "events", form=form, event=event)


@login_required
@require_POST
def event_publication(request, summit, event):
    event = queries.get_event_for_organiser(request.user, summit, event)
    form = forms.PublicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: the request was not understood."))
    elif form.cleaned_data["is_published"]:
        domain.set_event_published(event, is_published=True, by=request.user)
        messages.success(request, _("“%(title)s” is published.") % {"title": event.title})
    else:
        domain.set_event_published(event, is_published=False, by=request.user)
        messages.success(
            request, _("“%(title)s” is hidden from visitors.") % {"title": event.title}
        )
    return _redirect_back(request, reverse("organise:events", kwargs={"summit": summit}))


@login_required
def event_delete(request, summit, event):
    event = queries.get_event_for_organiser(request.user, summit, event)
    summit = event.summit
    if request.method == "POST":
        domain.delete_event(event, by=request.user)
        messages.success(request, _("The event “%(title)s” was deleted.") % {"title": event.title})
        return redirect("organise:events", summit=summit.slug)
    return _render(
        request,
        "confirm_delete.html",
        summit,
        "events",
        heading=_("Delete the event “%(title)s”?") % {"title": event.title},
        consequences=[_("Visitors will no longer find it, and its address will stop working.")],
        cancel_url=reverse("organise:events", kwargs={"summit": summit.slug}),
    )


# Venues and rooms


@login_required
def venue_list(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    venues = list(queries.venues_with_rooms(summit))
    return _render(request, "venue_list.html", summit, "venues", venues=venues)


@login_required
def venue_create(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    form = forms.VenueForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        venue = domain.create_venue(summit, by=request.user, **form.cleaned_data)
        messages.success(request, _("The venue “%(name)s” was added.") % {"name": venue.name})
        return redirect("organise:venues", summit=summit.slug)
    return _render(request, "venue_form.html", summit, "venues", form=form, venue=None)


@login_required
def venue_edit(request, summit, venue):
    venue = queries.get_venue_for_organiser(request.user, summit, venue)
    summit = venue.summit
    data = request.POST if request.method == "POST" else None
    form = forms.VenueForm(data, instance=_draft(venue))
    if form.is_valid():
        domain.update_venue(venue, by=request.user, **form.cleaned_data)
        messages.success(request, _("The venue “%(name)s” was saved.") % {"name": venue.name})
        return redirect("organise:venues", summit=summit.slug)
    return _render(request, "venue_form.html", summit, "venues", form=form, venue=venue)


@login_required
def venue_delete(request, summit, venue):
    venue = queries.get_venue_for_organiser(request.user, summit, venue)
    summit = venue.summit
    if request.method == "POST":
        domain.delete_venue(venue, by=request.user)
        messages.success(request, _("The venue “%(name)s” was deleted.") % {"name": venue.name})
        return redirect("organise:venues", summit=summit.slug)
    room_count = venue.rooms.count()
    event_count = venue.events.count()
    return _render(
        request,
        "confirm_delete.html",
        summit,
        "venues",
        heading=_("Delete the venue “%(name)s”?") % {"name": venue.name},
        consequences=[
            ngettext(
                "Its %(count)d room will be deleted too.",
                "Its %(count)d rooms will be deleted too.",
                room_count,
            )
            % {"count": room_count},
            ngettext(
                "%(count)d event held there will have no venue.",
                "%(count)d events held there will have no venue.",
                event_count,
            )
            % {"count": event_count},
        ],
        cancel_url=reverse("organise:venues", kwargs={"summit": summit.slug}),
    )


@login_required
def room_create(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    if request.method == "POST":
        form = forms.RoomForm(request.POST, summit=summit)
    else:
        form = forms.RoomForm(initial={"venue": request.GET.get("venue")}, summit=summit)
    if not form.fields["venue"].queryset.exists():
        messages.error(request, _("Add a venue first: every room belongs to a venue."))
        return redirect("organise:venue_create", summit=summit.slug)
    if form.is_valid():
        room = domain.create_room(by=request.user, **form.cleaned_data)
        messages.success(request, _("The room “%(name)s” was added.") % {"name": room.name})
        return redirect("organise:venues", summit=summit.slug)
    return _render(request, "room_form.html", summit, "venues", form=form, room=None)


@login_required
def room_edit(request, summit, room):
    room = queries.get_room_for_organiser(request.user, summit, room)
    summit = room.venue.summit
    data = request.POST if request.method == "POST" else None
    form = forms.RoomForm(data, instance=_draft(room), summit=summit)
    if form.is_valid():
        domain.update_room(room, by=request.user, **form.cleaned_data)
        messages.success(request, _("The room “%(name)s” was saved.") % {"name": room.name})
        return redirect("organise:venues", summit=summit.slug)
    return _render(request, "room_form.html", summit, "venues", form=form, room=room)


@login_required
def room_delete(request, summit, room):
    room = queries.get_room_for_organiser(request.user, summit, room)
    summit = room.venue.summit
    if request.method == "POST":
        domain.delete_room(room, by=request.user)
        messages.success(request, _("The room “%(name)s” was deleted.") % {"name": room.name})
        return redirect("organise:venues", summit=summit.slug)
    return _render(
        request,
        "confirm_delete.html",
        summit,
        "venues",
        heading=_("Delete the room “%(name)s”?") % {"name": room.name},
        consequences=[],
        cancel_url=reverse("organise:venues", kwargs={"summit": summit.slug}),
    )


# Pages


@login_required
def page_list(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    pages = list(queries.summit_pages(summit))
    return _render(request, "page_list.html", summit, "pages", pages=pages)


@login_required
def page_create(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    data = request.POST if request.method == "POST" else None
    form = forms.PageForm(data, summit=summit)
    if form.is_valid():
        page = domain.create_page(summit, by=request.user, **form.cleaned_data)
        messages.success(request, _("The page “%(title)s” was added.") % {"title": page.title})
        return redirect("organise:pages", summit=summit.slug)
    return _render(request, "page_form.html", summit, "pages", form=form, page=None)


@login_required
def page_edit(request, summit, page):
    page = queries.get_page_for_organiser(request.user, summit, page)
    summit = page.summit
    data = request.POST if request.method == "POST" else None
    form = forms.PageForm(data, instance=_draft(page), summit=summit)
    if form.is_valid():
        domain.update_page(page, by=request.user, **form.cleaned_data)
        messages.success(request, _("The page “%(title)s” was saved.") % {"title": page.title})
        return redirect("organise:pages", summit=summit.slug)
    return _render(request, "page_form.html", summit, "pages", form=form, page=page)


@login_required
def page_delete(request, summit, page):
    page = queries.get_page_for_organiser(request.user, summit, page)
    summit = page.summit
    if request.method == "POST":
        domain.delete_page(page, by=request.user)
        messages.success(request, _("The page “%(title)s” was deleted.") % {"title": page.title})
        return redirect("organise:pages", summit=summit.slug)
    return _render(
        request,
        "confirm_delete.html",
        summit,
        "pages",
        heading=_("Delete the page “%(title)s”?") % {"title": page.title},
        consequences=[_("Visitors will no longer find it, and its address will stop working.")],
        cancel_url=reverse("organise:pages", kwargs={"summit": summit.slug}),
    )


# The team


@login_required
def team(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    form = forms.TeamRoleForm(request.POST if request.method == "POST" else None, summit=summit)
    if form.is_valid():
        membership, _created = domain.add_team_role(
            summit, user=form.user, role=form.cleaned_data["role"], by=request.user
        )
        messages.success(
            request,
            _("%(person)s now has the role “%(role)s”.")
            % {"person": membership.user, "role": membership.get_role_display()},
        )
        return redirect("organise:team", summit=summit.slug)
    return _render(
        request,
        "team.html",
        summit,
        "team",
        form=form,
        memberships=list(queries.team_of(summit)),
        roles=Role.choices,
    )


@login_required
@require_POST
def team_role_remove(request, summit, membership):
    membership = queries.get_team_role_for_organiser(request.user, summit, membership)
    summit = membership.summit
    try:
        domain.remove_team_role(membership, by=request.user)
    except domain.LastOrganiserError:
        messages.error(
            request,
            _(
                "%(person)s is the summit’s only organiser: give someone else the role "
                "“Organiser” before removing it."
            )
            % {"person": membership.user},
        )
        return redirect("organise:team", summit=summit.slug)
    messages.success(
        request,
        _("%(person)s no longer has the role “%(role)s”.")
        % {"person": membership.user, "role": membership.get_role_display()},
    )
    if not queries.can_organise(request.user, summit):
        return redirect("organise:index")
    return redirect("organise:team", summit=summit.slug)
