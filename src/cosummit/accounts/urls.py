from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("edit/", views.profile_edit, name="edit"),
    path("data.json", views.data_export, name="data_export"),
    path("delete/", views.account_delete, name="delete"),
]
