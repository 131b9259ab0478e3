"""The released programme in standard formats: frab XML, c3voc JSON, iCalendar, CSV.

Every file shows the latest release only, as the public agenda does; before
the first release, and for a summit the visitor may not see, they are 404.
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from cosummit.proposals.models import Track

from . import exports, interchange, queries
from .ical import calendar_for_slots


def _released(request, summit_slug: str):
    summit, release = queries.get_released_programme_for_user(request.user, summit_slug)
    if release is None:
        raise Http404
    return summit, release


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _file(body, *, content_type: str, filename: str, inline: bool = True) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _schedule(request, summit, release) -> interchange.Schedule:
    return exports.schedule_for_release(
        summit,
        release,
        exports.export_slots(release, with_places=False),
        base_url=_base_url(request),
    )


def frab_xml(request, summit):
    summit, release = _released(request, summit)
    body = interchange.write_frab_xml(_schedule(request, summit, release))
    return _file(
        body, content_type="application/xml; charset=utf-8", filename=f"{summit.slug}-schedule.xml"
    )


def c3voc_json(request, summit):
    summit, release = _released(request, summit)
    body = interchange.write_c3voc_json(_schedule(request, summit, release))
    return _file(
        body,
        content_type="application/json; charset=utf-8",
        filename=f"{summit.slug}-schedule.json",
    )


def _calendar(request, summit, slots, *, name: str, filename: str) -> HttpResponse:
    body = calendar_for_slots(summit, slots, base_url=_base_url(request), name=name)
    return _file(body, content_type="text/calendar; charset=utf-8", filename=filename)


def programme_ics(request, summit):
    summit, release = _released(request, summit)
    return _calendar(
        request,
        summit,
        exports.export_slots(release),
        name=str(summit.name),
        filename=f"{summit.slug}-programme.ics",
    )


def track_ics(request, summit, track):
    summit, release = _released(request, summit)
    track = Track.objects.filter(summit=summit, slug=track).first()
    if track is None:
        raise Http404
    return _calendar(
        request,
        summit,
        exports.export_slots(release).filter(session__track=track),
        name=_("%(summit)s: %(track)s") % {"summit": summit.name, "track": track.name},
        filename=f"{summit.slug}-{track.slug}.ics",
    )


# The largest id a database column holds; SQLite fails on larger numbers
# instead of finding nothing.
LARGEST_ID = 2**63 - 1


def session_ics(request, summit, session):
    summit, release = _released(request, summit)
    if session > LARGEST_ID:
        raise Http404
    slots = list(exports.export_slots(release).filter(session_id=session))
    if not slots:
        raise Http404
    return _calendar(
        request,
        summit,
        slots,
        name=slots[0].session.title,
        filename=f"{summit.slug}-session-{session}.ics",
    )


def programme_csv(request, summit):
    summit, release = _released(request, summit)
    body = exports.programme_csv(summit, exports.export_slots(release), base_url=_base_url(request))
    return _file(
        body,
        content_type="text/csv; charset=utf-8",
        filename=f"{summit.slug}-programme-v{release.version}.csv",
        inline=False,
    )
