from django.urls import path

from . import organiser_views as views
from .moderation_urls import urlpatterns as moderation_patterns

app_name = "proposals_organise"
urlpatterns = [
    path("", views.call_settings, name="settings"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("formats/", views.format_list, name="formats"),
    path("formats/new/", views.format_edit, name="format_create"),
    path("formats/<id:session_format>/", views.format_edit, name="format_edit"),
    path("formats/<id:session_format>/delete/", views.format_delete, name="format_delete"),
    path("tracks/", views.track_list, name="tracks"),
    path("tracks/new/", views.track_edit, name="track_create"),
    path("tracks/<id:track>/", views.track_edit, name="track_edit"),
    path("tracks/<id:track>/delete/", views.track_delete, name="track_delete"),
    path("access-codes/", views.code_list, name="codes"),
    path("access-codes/new/", views.code_edit, name="code_create"),
    path("access-codes/<id:code>/", views.code_edit, name="code_edit"),
    path("access-codes/<id:code>/delete/", views.code_delete, name="code_delete"),
    path("questions/", views.question_list, name="questions"),
    path("questions/new/", views.question_edit, name="question_create"),
    path("questions/<id:question>/", views.question_edit, name="question_edit"),
    path("questions/<id:question>/delete/", views.question_delete, name="question_delete"),
    path("questions/<id:question>/move/", views.question_move, name="question_move"),
]

urlpatterns += moderation_patterns
