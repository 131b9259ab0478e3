"""The organisers' review pages, under /<lang>/organise/<summit>/review/."""

from django.urls import path

from . import organiser_assignment_views as assignment_views
from . import organiser_views as views

app_name = "review_organise"
urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.review_settings, name="settings"),
    path("phases/", views.phase_list, name="phases"),
    path("phases/new/", views.phase_edit, name="phase_create"),
    path("phases/<id:phase>/", views.phase_edit, name="phase_edit"),
    path("phases/<id:phase>/delete/", views.phase_delete, name="phase_delete"),
    path("criteria/", views.criterion_list, name="criteria"),
    path("criteria/new/", views.criterion_edit, name="criterion_create"),
    path("criteria/<id:criterion>/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<id:criterion>/delete/", views.criterion_delete, name="criterion_delete"),
    path("reviewers/", views.reviewer_list, name="reviewers"),
    path("reviewers/<id:reviewer>/", views.reviewer_edit, name="reviewer_edit"),
    path("reviewers/<id:reviewer>/remove/", views.reviewer_remove, name="reviewer_remove"),
    path("teams/", views.team_list, name="teams"),
    path("teams/new/", views.team_edit, name="team_create"),
    path("teams/<id:team>/", views.team_edit, name="team_edit"),
    path("teams/<id:team>/delete/", views.team_delete, name="team_delete"),
    path("conflicts/", views.conflict_list, name="conflicts"),
    path("conflicts/<id:conflict>/withdraw/", views.conflict_withdraw, name="conflict_withdraw"),
    path("assignment/", assignment_views.preview, name="assignment"),
    path("assignment/run/", assignment_views.run, name="assignment_run"),
    path("assignment/change/", assignment_views.change_preview, name="assignment_change"),
    path("assignment/publish/", assignment_views.publish, name="assignment_publish"),
    path("assignments/", assignment_views.live, name="assignments"),
    path("assignments/change/", assignment_views.change_live, name="assignments_change"),
]
