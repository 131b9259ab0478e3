"""The public list of the programme's releases, and their Atom feed.

Anyone who may see the summit sees every release and what it changed: the
sessions added, moved (from where to where) and removed.
"""

import uuid

from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cosummit.core.templatetags.cosummit import plain
from cosummit.summits.queries import get_summit_for_user

from .release_queries import change_counts, releases_with_changes, summit_releases

# Releases in the feed: enough for a reader to catch up.
FEED_RELEASES = 20


def changes(request, summit):
    summit = get_summit_for_user(request.user, summit)
    return render(
        request,
        "programme/changes.html",
        {"summit": summit, "releases": releases_with_changes(summit)},
    )


def release_summary(release) -> str:
    """One sentence on how many sessions a release added, moved and removed."""
    counts = change_counts(release.changes)
    parts = [
        ngettext("%(count)d session added", "%(count)d sessions added", counts["added"])
        % {"count": counts["added"]},
        ngettext("%(count)d session moved", "%(count)d sessions moved", counts["moved"])
        % {"count": counts["moved"]},
        ngettext("%(count)d session removed", "%(count)d sessions removed", counts["removed"])
        % {"count": counts["removed"]},
    ]
    return _("%(added)s, %(moved)s, %(removed)s.") % {
        "added": parts[0],
        "moved": parts[1],
        "removed": parts[2],
    }


class ReleaseFeed(Feed):
    """The summit's releases as an Atom feed, latest first."""

    feed_type = Atom1Feed
    description_template = "programme/changes_feed_item.html"

    def get_object(self, request, summit):
        return get_summit_for_user(request.user, summit)

    def title(self, summit):
        return _("Programme of %(summit)s: changes") % {"summit": plain(summit.name)}

    def subtitle(self, summit):
        return _("Each new version of the programme, with the sessions it adds, moves and removes.")

    def link(self, summit):
        return reverse("programme_releases:changes", kwargs={"summit": summit.slug})

    def feed_guid(self, summit):
        return None

    def items(self, summit):
        releases = list(summit_releases(summit)[:FEED_RELEASES])
        for release in releases:
            release.summit = summit
        return releases_with_changes(summit, releases)

    def item_title(self, entry):
        release = entry["release"]
        return _("Version %(version)d of the programme") % {"version": release.version}

    def item_link(self, entry):
        release = entry["release"]
        url = reverse("programme_releases:changes", kwargs={"summit": release.summit.slug})
        return f"{url}#v{release.version}"

    def item_guid(self, entry):
        # A stable identifier of the release, whatever the site's address.
        return uuid.uuid5(uuid.NAMESPACE_URL, f"cosummit:release:{entry['release'].pk}").urn

    def item_guid_is_permalink(self, entry):
        return False

    def item_pubdate(self, entry):
        return entry["release"].released_at

    def item_updateddate(self, entry):
        return entry["release"].released_at

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = kwargs["item"]
        context.update(summit=kwargs["obj"], entry=entry, summary=release_summary(entry["release"]))
        return context
