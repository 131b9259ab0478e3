from django.urls import path

from . import views

app_name = "toolbox"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("propose/", views.card_create, name="card_create"),
    path("export.json", views.export, {"fmt": "json"}, name="export_json"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("cards/<slug:card>/", views.card_detail, name="card"),
    path("cards/<slug:card>/edit/", views.card_edit, name="card_edit"),
    path("cards/<slug:card>/rate/", views.card_rate, name="card_rate"),
    path("cards/<slug:card>/rate/withdraw/", views.rating_withdraw, name="rating_withdraw"),
    path("cards/<slug:card>/argue/", views.card_argue, name="card_argue"),
    path("cards/<slug:card>/argue/withdraw/", views.argument_withdraw, name="argument_withdraw"),
    path("cards/<slug:card>/report/", views.card_report, name="card_report"),
    path("cards/<slug:card>/links/", views.card_links, name="card_links"),
    path("cards/<slug:card>/links/<id:link>/remove/", views.link_remove, name="link_remove"),
    path("cards/<slug:card>/collect/", views.card_collect, name="card_collect"),
    path("arguments/<id:argument>/report/", views.argument_report, name="argument_report"),
    path("collections/", views.collection_list, name="collections"),
    path("collections/mine/", views.my_collections, name="my_collections"),
    path("collections/new/", views.collection_create, name="collection_create"),
    path("collections/<str:token>/", views.collection_detail, name="collection"),
    path("collections/<str:token>/edit/", views.collection_edit, name="collection_edit"),
    path("collections/<str:token>/delete/", views.collection_delete, name="collection_delete"),
    path("collections/<str:token>/items/<id:item>/remove/", views.item_remove, name="item_remove"),
    path("collections/<str:token>/items/<id:item>/move/", views.item_move, name="item_move"),
    path("collections/<str:token>/items/<id:item>/note/", views.item_note, name="item_note"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path("moderation/cards/<id:card>/<slug:action>/", views.moderate_card, name="moderate_card"),
    path(
        "moderation/arguments/<id:argument>/<slug:action>/",
        views.moderate_argument,
        name="moderate_argument",
    ),
    path("moderation/people/<id:user>/block/", views.block, name="block"),
    path("moderation/people/<id:user>/unblock/", views.unblock, name="unblock"),
    path("manage/", views.manage, name="manage"),
    path("manage/themes/", views.tag_list, name="tags"),
    path("manage/themes/<slug:tag>/", views.tag_edit, name="tag_edit"),
]
