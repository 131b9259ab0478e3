"""Django admin for the platform's staff; organisers work in the site's organiser area."""

from django.contrib import admin

from .models import (
    AccessCode,
    Call,
    Comment,
    Invitation,
    ModerationAction,
    Proposal,
    ProposalOrganisation,
    ProposalQuestion,
    Report,
    SessionFormat,
    Speaker,
    Support,
    Track,
)


class SessionFormatInline(admin.TabularInline):
    model = SessionFormat
    extra = 0


class AccessCodeInline(admin.TabularInline):
    model = AccessCode
    extra = 0
    filter_horizontal = ["formats"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["summit", "opens_at", "closes_at", "is_discussion_public"]
    list_select_related = ["summit"]
    inlines = [SessionFormatInline, AccessCodeInline]


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "summit", "position"]
    list_filter = ["summit"]
    list_select_related = ["summit"]


@admin.register(ProposalQuestion)
class ProposalQuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "call", "is_required", "position"]
    list_filter = ["call"]
    raw_id_fields = ["depends_on"]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0
    raw_id_fields = ["user"]


class OrganisationInline(admin.TabularInline):
    model = ProposalOrganisation
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "summit", "state", "format", "submitted_at", "supports_count"]
    list_filter = ["state", "summit"]
    list_select_related = ["summit", "format"]
    search_fields = ["title", "search_text"]
    raw_id_fields = ["created_by", "merged_into", "access_code"]
    readonly_fields = ["supports_count", "comments_count", "reports_count", "search_text"]
    inlines = [SpeakerInline, OrganisationInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "proposal", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["proposal", "invited_by"]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["proposal", "user", "created_at"]
    raw_id_fields = ["proposal", "user"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "proposal", "author", "created_at", "hidden_at", "deleted_at"]
    raw_id_fields = ["proposal", "author", "parent"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["reason", "summit", "proposal", "comment", "created_at", "resolved_at"]
    list_filter = ["reason", "summit"]
    raw_id_fields = ["proposal", "comment", "reporter"]


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["action", "summit", "moderator", "created_at"]
    list_filter = ["action", "summit"]
    raw_id_fields = ["proposal", "comment", "user", "moderator"]
