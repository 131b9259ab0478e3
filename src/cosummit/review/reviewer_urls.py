"""The reviewers' pages, under /<lang>/<summit>/review/."""

from django.urls import path

from . import reviewer_views

app_name = "review"

urlpatterns = [
    path("", reviewer_views.queue, name="queue"),
    path("preferences/", reviewer_views.preferences, name="preferences"),
    path("<id:pk>/", reviewer_views.proposal_review, name="proposal"),
    path("<id:pk>/conflict/", reviewer_views.declare_conflict, name="conflict"),
]
