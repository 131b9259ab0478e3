from django.urls import path

from . import views

app_name = "registration"
urlpatterns = [
    path("<slug:summit>/events/<slug:event>/register/", views.register, name="register"),
    path("registrations/", views.my_registrations, name="mine"),
    path("registrations/<str:token>/", views.detail, name="detail"),
    path("registrations/<str:token>/confirm/", views.confirm, name="confirm"),
    path("registrations/<str:token>/edit/", views.edit, name="edit"),
    path("registrations/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registrations/<str:token>/calendar.ics", views.ics, name="ics"),
    path("registrations/<str:token>/qr.png", views.qr, name="qr"),
    path("registrations/<str:token>/data.json", views.data, name="data"),
    path("registrations/<str:token>/delete/", views.delete, name="delete"),
]
