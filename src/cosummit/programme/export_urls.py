"""The programme in standard formats, under /<lang>/<summit>/programme/export/."""

from django.urls import path  # noqa: F401

app_name = "programme_export"
urlpatterns = []
