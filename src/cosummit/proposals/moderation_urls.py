"""Organiser pages for merging proposals and reading the moderation log."""

from django.urls import path

from . import moderation_views

urlpatterns = [
    path("merge/", moderation_views.merge, name="merge"),
    path("moderation-log/", moderation_views.organiser_log, name="moderation_log"),
]
