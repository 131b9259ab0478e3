"""The organisers' agenda builder, under /<lang>/organise/<summit>/programme/."""

from django.urls import path  # noqa: F401

app_name = "programme_organise"
urlpatterns = []
