"""The public list of the programme's releases and their Atom feed.

Under /<lang>/<summit>/programme/changes/.
"""

from django.urls import path  # noqa: F401

app_name = "programme_releases"
urlpatterns = []
