from django.urls import path

from . import views
from .discussion_urls import urlpatterns as discussion_patterns

app_name = "proposals"
urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("similar/", views.similar, name="similar"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<int:proposal>/edit/<slug:step>/", views.edit, name="edit"),
    path("<int:proposal>/submit/", views.submit, name="submit"),
    path("<int:proposal>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:proposal>/speakers/invite/", views.invite, name="invite"),
    path(
        "<int:proposal>/speakers/invitations/<int:invitation>/revoke/",
        views.revoke,
        name="revoke_invitation",
    ),
    path(
        "<int:proposal>/speakers/<int:speaker>/remove/",
        views.remove_speaker,
        name="remove_speaker",
    ),
]

urlpatterns += discussion_patterns
