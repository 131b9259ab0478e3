"""The review's pages under /<lang>/<summit>/review/: reviewers, conveners and organisers.

The set-up pages, for organisers only, are under /<lang>/organise/<summit>/review/
(`organiser_urls`).
"""

from django.urls import include, path

urlpatterns = [
    path("table/", include("cosummit.review.table_urls")),
    path("decisions/", include("cosummit.review.decision_urls")),
    path("balance/", include("cosummit.review.balance_urls")),
    path("", include("cosummit.review.reviewer_urls")),
]
