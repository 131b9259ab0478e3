"""The organisers' automatic scheduler and releases.

Under /<lang>/organise/<summit>/programme/ (scheduler/…, releases/…).
"""

from django.urls import path  # noqa: F401

app_name = "programme_schedule"
urlpatterns = []
