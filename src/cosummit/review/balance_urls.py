"""The balance dashboard and the selection helper, under /<lang>/<summit>/review/balance/."""

from django.urls import path

from . import balance_views

app_name = "review_balance"

urlpatterns = [
    path("", balance_views.dashboard, name="dashboard"),
    path("selection/", balance_views.selection_page, name="selection"),
    path("selection/accept/", balance_views.accept_selection, name="accept"),
]
