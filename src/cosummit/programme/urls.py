"""The public agenda, under /<lang>/<summit>/programme/."""

from django.urls import path

from . import my_views, views

app_name = "programme"
urlpatterns = [
    path("", views.agenda_page, name="agenda"),
    path("sessions/<id:session>/", views.session_page, name="session"),
    path("sessions/<id:session>/star/", my_views.star, name="star"),
    path("sessions/<id:session>/unstar/", my_views.unstar, name="unstar"),
    path("speakers/", views.speaker_list, name="speakers"),
    path("speakers/<id:speaker>/", views.speaker_page, name="speaker"),
    path("now/", views.now_page, name="now"),
    path("print/", views.print_page, name="print"),
    path("mine/", my_views.my_agenda, name="mine"),
    path("mine/calendar/", my_views.my_calendar, name="calendar"),
    path("mine/<str:token>.ics", my_views.feed, name="feed"),
]
