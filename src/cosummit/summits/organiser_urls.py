from django.urls import path

from . import organiser_views as views
from . import outbox_views

app_name = "organise"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.summit_create, name="summit_create"),
    path("<slug:summit>/", views.summit, name="summit"),
    path("<slug:summit>/edit/", views.summit_edit, name="summit_edit"),
    path("<slug:summit>/publication/", views.summit_publication, name="summit_publication"),
    path("<slug:summit>/events/", views.event_list, name="events"),
    path("<slug:summit>/events/new/", views.event_create, name="event_create"),
    path("<slug:summit>/events/<slug:event>/", views.event_edit, name="event_edit"),
    path(
        "<slug:summit>/events/<slug:event>/publication/",
        views.event_publication,
        name="event_publication",
    ),
    path("<slug:summit>/events/<slug:event>/delete/", views.event_delete, name="event_delete"),
    path("<slug:summit>/venues/", views.venue_list, name="venues"),
    path("<slug:summit>/venues/new/", views.venue_create, name="venue_create"),
    path("<slug:summit>/venues/<id:venue>/", views.venue_edit, name="venue_edit"),
    path("<slug:summit>/venues/<id:venue>/delete/", views.venue_delete, name="venue_delete"),
    path("<slug:summit>/rooms/new/", views.room_create, name="room_create"),
    path("<slug:summit>/rooms/<id:room>/", views.room_edit, name="room_edit"),
    path("<slug:summit>/rooms/<id:room>/delete/", views.room_delete, name="room_delete"),
    path("<slug:summit>/pages/", views.page_list, name="pages"),
    path("<slug:summit>/pages/new/", views.page_create, name="page_create"),
    path("<slug:summit>/pages/<id:page>/", views.page_edit, name="page_edit"),
    path("<slug:summit>/pages/<id:page>/delete/", views.page_delete, name="page_delete"),
    path("<slug:summit>/team/", views.team, name="team"),
    path(
        "<slug:summit>/team/<id:membership>/remove/",
        views.team_role_remove,
        name="team_role_remove",
    ),
    path("<slug:summit>/outbox/", outbox_views.outbox, name="outbox"),
    path(
        "<slug:summit>/outbox/<id:message>/retry/",
        outbox_views.outbox_retry,
        name="outbox_retry",
    ),
]
