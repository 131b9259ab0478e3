from django.urls import path

from . import jury_views, project_views, views

app_name = "hackathon"

TEAM = "<slug:event>/teams/<id:team>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:event>/", views.overview, name="overview"),
    path("<slug:event>/challenges/", views.challenge_list, name="challenges"),
    path("<slug:event>/challenges/propose/", views.challenge_propose, name="challenge_propose"),
    path("<slug:event>/challenges/<id:challenge>/", views.challenge_detail, name="challenge"),
    path(
        "<slug:event>/challenges/<id:challenge>/edit/",
        views.challenge_edit,
        name="challenge_edit",
    ),
    path("<slug:event>/teams/", views.team_list, name="teams"),
    path("<slug:event>/teams/new/", views.team_create, name="team_create"),
    path(TEAM, views.team_detail, name="team"),
    path(f"{TEAM}edit/", views.team_edit, name="team_edit"),
    path(f"{TEAM}join/", views.team_join, name="team_join"),
    path(f"{TEAM}join/withdraw/", views.request_withdraw, name="request_withdraw"),
    path(
        f"{TEAM}requests/<id:join_request>/accept/",
        views.request_answer,
        {"accept": True},
        name="request_accept",
    ),
    path(
        f"{TEAM}requests/<id:join_request>/decline/",
        views.request_answer,
        {"accept": False},
        name="request_decline",
    ),
    path(f"{TEAM}leave/", views.team_leave, name="team_leave"),
    path(f"{TEAM}project/", project_views.project_edit, name="project_edit"),
    path(f"{TEAM}project/submit/", project_views.project_submit, name="project_submit"),
    path(f"{TEAM}project/publish/", project_views.project_publish, name="project_publish"),
    path(f"{TEAM}project/screenshots/", project_views.screenshot_add, name="screenshot_add"),
    path(
        f"{TEAM}project/screenshots/<id:screenshot>/remove/",
        project_views.screenshot_remove,
        name="screenshot_remove",
    ),
    path("<slug:event>/projects/", project_views.showcase, name="showcase"),
    path("<slug:event>/projects/<id:project>/", project_views.project_detail, name="project"),
    path("<slug:event>/jury/", jury_views.queue, name="jury"),
    path("<slug:event>/jury/<id:project>/", jury_views.score, name="score"),
]
