from django.urls import path

from . import views

app_name = "summits"
urlpatterns = [
    path("", views.summit_detail, name="summit"),
    path("events/", views.event_list, name="events"),
    path("events.ics", views.event_calendar, name="events_ics"),
    path("events/<slug:event>/", views.event_detail, name="event"),
    path("pages/<slug:page>/", views.page_detail, name="page"),
]
