"""The programme in standard formats, under /<lang>/<summit>/programme/export/."""

from django.urls import path

from . import export_views

app_name = "programme_export"
urlpatterns = [
    path("schedule.xml", export_views.frab_xml, name="frab_xml"),
    path("schedule.json", export_views.c3voc_json, name="c3voc_json"),
    path("programme.ics", export_views.programme_ics, name="programme_ics"),
    path("tracks/<slug:track>.ics", export_views.track_ics, name="track_ics"),
    path("sessions/<id:session>.ics", export_views.session_ics, name="session_ics"),
    path("programme.csv", export_views.programme_csv, name="programme_csv"),
]
