"""The organisers' registration pages and check-in, under organise/<summit>/."""

from django.urls import path

from . import checkin_views
from . import organiser_views as views

app_name = "registration_organise"

event = "registrations/<slug:event>/"
question = f"{event}questions/<id:question>/"
registration = f"{event}<id:registration>/"

urlpatterns = [
    path("registrations/", views.overview, name="overview"),
    path(event, views.registration_list, name="list"),
    path(f"{event}settings/", views.setup_edit, name="settings"),
    path(f"{event}questions/", views.questions, name="questions"),
    path(f"{event}questions/new/", views.question_create, name="question_create"),
    path(question, views.question_edit, name="question_edit"),
    path(f"{question}delete/", views.question_delete, name="question_delete"),
    path(f"{question}move/", views.question_move, name="question_move"),
    path(f"{event}export.csv", views.export_csv, name="export"),
    path(f"{event}badges.pdf", views.badges_pdf, name="badges"),
    path(f"{event}add/", views.registration_add, name="add"),
    path(f"{event}message/", views.message, name="message"),
    path(f"{registration}approve/", views.registration_approve, name="approve"),
    path(f"{registration}reject/", views.registration_reject, name="reject"),
    path(f"{registration}cancel/", views.registration_cancel, name="cancel"),
    path("check-in/", checkin_views.events, name="checkin_events"),
    path("check-in/<slug:event>/", checkin_views.check_in_page, name="checkin"),
]
