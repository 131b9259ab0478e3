from django.urls import path

from . import organiser_views as views

app_name = "hackathon_organise"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:event>/", views.settings, name="settings"),
    path("<slug:event>/challenges/", views.challenges, name="challenges"),
    path(
        "<slug:event>/challenges/<id:challenge>/approve/",
        views.challenge_decide,
        {"approve": True},
        name="challenge_approve",
    ),
    path(
        "<slug:event>/challenges/<id:challenge>/decline/",
        views.challenge_decide,
        {"approve": False},
        name="challenge_decline",
    ),
    path("<slug:event>/criteria/", views.criteria, name="criteria"),
    path("<slug:event>/criteria/<id:criterion>/", views.criterion_edit, name="criterion_edit"),
    path(
        "<slug:event>/criteria/<id:criterion>/delete/",
        views.criterion_delete,
        name="criterion_delete",
    ),
    path("<slug:event>/prizes/", views.prizes, name="prizes"),
    path("<slug:event>/prizes/<id:prize>/", views.prize_edit, name="prize_edit"),
    path("<slug:event>/prizes/<id:prize>/delete/", views.prize_delete, name="prize_delete"),
    path("<slug:event>/jury/", views.jurors, name="jurors"),
    path("<slug:event>/jury/<id:juror>/remove/", views.juror_remove, name="juror_remove"),
    path("<slug:event>/results/", views.results, name="results"),
    path("<slug:event>/results/prizes/<id:prize>/", views.award, name="award"),
    path(
        "<slug:event>/results/publication/",
        views.results_publication,
        name="results_publication",
    ),
]
