"""The organisers' automatic scheduler and releases.

Under /<lang>/organise/<summit>/programme/ (scheduler/…, releases/…).
"""

from django.urls import path

from . import schedule_views

app_name = "programme_schedule"
urlpatterns = [
    path("scheduler/", schedule_views.scheduler, name="scheduler"),
    path("scheduler/run/", schedule_views.run, name="run"),
    path("scheduler/runs/<id:job>/", schedule_views.job, name="job"),
    path("scheduler/runs/<id:job>/apply/", schedule_views.apply, name="apply"),
    path("releases/", schedule_views.release_list, name="releases"),
    path("releases/release/", schedule_views.release, name="release"),
]
