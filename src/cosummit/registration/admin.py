"""Django admin for the platform's staff: registrations can be looked at, not changed.

Seats are counted under a lock and every change sends mail; writes go through
`domain.py`, from the organisers' pages, never through the admin.
"""

from django.contrib import admin

from .models import Quota, Registration, RegistrationQuestion, RegistrationSetup


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QuotaInline(ReadOnlyMixin, admin.TabularInline):
    model = Quota
    extra = 0


class RegistrationQuestionInline(ReadOnlyMixin, admin.TabularInline):
    model = RegistrationQuestion
    extra = 0
    fields = ["position", "kind", "label", "is_required", "depends_on", "depends_on_value"]


@admin.register(RegistrationSetup)
class RegistrationSetupAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["event", "is_enabled", "opens_at", "closes_at", "capacity", "requires_approval"]
    list_filter = ["is_enabled", "requires_approval", "event__summit"]
    list_select_related = ["event"]
    inlines = [QuotaInline, RegistrationQuestionInline]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["code", "name", "email", "event", "category", "status", "created_at"]
    list_filter = ["status", "category", "event__summit"]
    list_select_related = ["event"]
    search_fields = ["code", "name", "email", "organisation"]
    date_hierarchy = "created_at"
    exclude = ["token"]
    raw_id_fields = ["user", "checked_in_by"]
