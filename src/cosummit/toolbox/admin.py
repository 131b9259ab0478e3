"""Django admin for the platform's staff; moderators work in the toolbox's own pages."""

from django.contrib import admin

from .models import (
    Argument,
    Card,
    CardLink,
    Collection,
    CollectionItem,
    ModerationAction,
    Rating,
    Report,
    Tag,
    ToolboxSettings,
)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "summit"]
    list_filter = ["summit"]
    search_fields = ["slug"]


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "summit", "licence", "rating_average", "hidden_at"]
    list_filter = ["summit", "kind", "licence"]
    list_select_related = ["summit"]
    search_fields = ["slug", "search_text"]
    raw_id_fields = ["created_by"]
    filter_horizontal = ["tags"]
    readonly_fields = ["rating_count", "rating_average", "reports_count"]


@admin.register(CardLink)
class CardLinkAdmin(admin.ModelAdmin):
    list_display = ["source", "link_type", "target"]
    list_filter = ["link_type"]
    list_select_related = ["source", "target"]
    raw_id_fields = ["source", "target", "created_by"]


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    extra = 0
    raw_id_fields = ["card"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "summit", "visibility"]
    list_filter = ["summit", "visibility"]
    raw_id_fields = ["owner"]
    inlines = [CollectionItemInline]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["card", "user", "score"]
    raw_id_fields = ["card", "user"]


@admin.register(Argument)
class ArgumentAdmin(admin.ModelAdmin):
    list_display = ["card", "author", "side", "hidden_at"]
    raw_id_fields = ["card", "author"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["summit", "reason", "card", "argument", "reporter", "resolved_at"]
    raw_id_fields = ["card", "argument", "reporter"]


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["summit", "action", "moderator", "card", "argument", "user", "created_at"]
    list_filter = ["summit", "action"]
    raw_id_fields = ["moderator", "card", "argument", "user"]


admin.site.register(ToolboxSettings)
