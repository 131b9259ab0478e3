"""Decisions, under /<lang>/<summit>/review/decisions/."""

from django.urls import path

from . import decision_views

app_name = "review_decisions"

urlpatterns = [
    path("", decision_views.decision_list, name="list"),
    path("<id:proposal>/decide/", decision_views.decide, name="decide"),
    path("bulk/", decision_views.decide_many, name="bulk"),
    path("apply/", decision_views.apply, name="apply"),
    path("templates/", decision_views.edit_templates, name="templates"),
    path("sessions/", decision_views.sessions, name="sessions"),
    path("reply/<str:token>/", decision_views.reply, name="reply"),
]
