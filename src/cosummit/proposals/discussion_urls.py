"""Public pages of proposals: gallery, proposal page, discussion, supports and moderation."""

from django.urls import path

from . import moderation_views, public_views

urlpatterns = [
    path("", public_views.gallery_page, name="gallery"),
    path("open-data.csv", public_views.open_data_csv, name="open_data_csv"),
    path("open-data.json", public_views.open_data_json, name="open_data_json"),
    path("<id:proposal>/", public_views.detail, name="detail"),
    path("<id:proposal>/support/", public_views.support, name="support"),
    path(
        "<id:proposal>/support/withdraw/",
        public_views.withdraw_support,
        name="withdraw_support",
    ),
    path("<id:proposal>/follow/", public_views.follow, name="follow"),
    path("<id:proposal>/unfollow/", public_views.unfollow, name="unfollow"),
    path("<id:proposal>/report/", public_views.report_proposal, name="report"),
    path("<id:proposal>/comments/", public_views.comment_create, name="comment_create"),
    path(
        "<id:proposal>/comments/<id:comment>/edit/",
        public_views.comment_edit,
        name="comment_edit",
    ),
    path(
        "<id:proposal>/comments/<id:comment>/delete/",
        public_views.comment_delete,
        name="comment_delete",
    ),
    path(
        "<id:proposal>/comments/<id:comment>/report/",
        public_views.report_comment,
        name="comment_report",
    ),
    path("moderation/", moderation_views.queue, name="moderation"),
    path("moderation/log/", moderation_views.log, name="moderation_log"),
    path(
        "moderation/proposals/<id:proposal>/hide/",
        moderation_views.hide_proposal,
        name="moderation_hide_proposal",
    ),
    path(
        "moderation/proposals/<id:proposal>/restore/",
        moderation_views.restore_proposal,
        name="moderation_restore_proposal",
    ),
    path(
        "moderation/comments/<id:comment>/hide/",
        moderation_views.hide_comment,
        name="moderation_hide_comment",
    ),
    path(
        "moderation/comments/<id:comment>/restore/",
        moderation_views.restore_comment,
        name="moderation_restore_comment",
    ),
    path("moderation/block/", moderation_views.block, name="moderation_block"),
    path(
        "moderation/blocks/<id:block>/unblock/",
        moderation_views.unblock,
        name="moderation_unblock",
    ),
]
