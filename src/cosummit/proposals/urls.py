from django.urls import path

from . import views
from .discussion_urls import urlpatterns as discussion_patterns

app_name = "proposals"
urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("similar/", views.similar, name="similar"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<id:proposal>/edit/<slug:step>/", views.edit, name="edit"),
    path("<id:proposal>/submit/", views.submit, name="submit"),
    path("<id:proposal>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:proposal>/speakers/invite/", views.invite, name="invite"),
    path(
        "<id:proposal>/speakers/invitations/<id:invitation>/revoke/",
        views.revoke,
        name="revoke_invitation",
    ),
    path(
        "<id:proposal>/speakers/<id:speaker>/remove/",
        views.remove_speaker,
        name="remove_speaker",
    ),
]

urlpatterns += discussion_patterns
