"""The public agenda, under /<lang>/<summit>/programme/."""

from django.urls import path  # noqa: F401

app_name = "programme"
urlpatterns = []
