"""The review table of organisers and conveners: /<lang>/<summit>/review/table/."""

from django.urls import path

from . import table_views

app_name = "review_table"

urlpatterns = [
    path("", table_views.table_page, name="table"),
    path("export.csv", table_views.export_csv, name="export"),
]
