"""The public list of the programme's releases and their Atom feed.

Under /<lang>/<summit>/programme/changes/.
"""

from django.urls import path

from . import release_views

app_name = "programme_releases"
urlpatterns = [
    path("", release_views.changes, name="changes"),
    path("feed.atom", release_views.ReleaseFeed(), name="feed"),
]
