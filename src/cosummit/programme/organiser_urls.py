"""The organisers' agenda builder, under /<lang>/organise/<summit>/programme/."""

from django.urls import path

from . import organiser_views as views

app_name = "programme_organise"
urlpatterns = [
    path("", views.index, name="index"),
    path("warnings/", views.warning_list, name="warnings"),
    path("days/", views.day_list, name="days"),
    path("days/new/", views.day_edit, name="day_create"),
    path("days/<id:day>/", views.day_edit, name="day_edit"),
    path("days/<id:day>/delete/", views.day_delete, name="day_delete"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/new/", views.session_edit, name="session_create"),
    path("sessions/<id:session>/", views.session_edit, name="session_edit"),
    path("sessions/<id:session>/delete/", views.session_delete, name="session_delete"),
    path("sessions/<id:session>/place/", views.session_place, name="session_place"),
    path("sessions/<id:session>/unschedule/", views.session_unschedule, name="session_unschedule"),
    path("sessions/<id:session>/pin/", views.session_pin, name="session_pin"),
    path("sessions/<id:session>/pitches/", views.session_pitches, name="session_pitches"),
    path("unavailabilities/", views.unavailability_list, name="unavailabilities"),
    path(
        "unavailabilities/<id:unavailability>/delete/",
        views.unavailability_delete,
        name="unavailability_delete",
    ),
    path("grid/", views.grid_first_day, name="grid_first_day"),
    path("grid/<str:day>/", views.grid, name="grid"),
    path("unscheduled/", views.unscheduled, name="unscheduled"),
]
