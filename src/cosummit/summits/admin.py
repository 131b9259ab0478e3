"""Django admin for the platform's staff; organisers work in the site's organiser area."""

from django.contrib import admin

from .models import Block, Event, Page, Room, Summit, TeamMembership, Venue


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    raw_id_fields = ["user"]


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Summit)
class SummitAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "start_date", "end_date", "city", "country", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["slug", "city"]
    date_hierarchy = "start_date"
    inlines = [TeamMembershipInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # The main venue must be one of this summit's own venues.
        if "venue" in form.base_fields:
            venues = Venue.objects.filter(summit=obj) if obj else Venue.objects.none()
            form.base_fields["venue"].queryset = venues
        return form


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "summit", "city", "country"]
    list_filter = ["summit"]
    list_select_related = ["summit"]
    search_fields = ["city", "address"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "venue", "capacity"]
    list_filter = ["venue__summit"]
    list_select_related = ["venue"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "summit", "kind", "starts_at", "venue", "is_published"]
    list_filter = ["kind", "is_published", "summit"]
    list_select_related = ["summit", "venue"]
    search_fields = ["slug", "location"]
    date_hierarchy = "starts_at"


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "summit", "slug", "position", "is_published"]
    list_filter = ["is_published", "summit"]
    list_select_related = ["summit"]
    search_fields = ["slug"]


@admin.register(TeamMembership)
class TeamMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "summit", "role", "created_at"]
    list_filter = ["role", "summit"]
    list_select_related = ["user", "summit"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["user", "summit", "blocked_by", "created_at"]
    list_filter = ["summit"]
    list_select_related = ["user", "summit", "blocked_by"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user", "blocked_by"]
