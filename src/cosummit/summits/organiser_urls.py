from django.urls import path

from . import organiser_views as views

app_name = "organise"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:summit>/", views.summit, name="summit"),
    path("<slug:summit>/events/<slug:event>/", views.event_edit, name="event_edit"),
]
