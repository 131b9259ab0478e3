"""Django admin for the platform's staff; organisers and participants use the site's pages."""

from django.contrib import admin

from .models import (
    Challenge,
    Criterion,
    Evaluation,
    HackathonSettings,
    JoinRequest,
    Juror,
    Prize,
    Project,
    Score,
    Screenshot,
    Team,
    TeamMember,
)


@admin.register(HackathonSettings)
class HackathonSettingsAdmin(admin.ModelAdmin):
    list_display = ["event", "submission_deadline", "team_size_limit", "results_published_at"]
    list_select_related = ["event"]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation_name", "organisation_type", "state", "event"]
    list_filter = ["state", "organisation_type"]
    list_select_related = ["event"]
    raw_id_fields = ["proposed_by", "decided_by"]


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    raw_id_fields = ["user"]
    exclude = ["event"]
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "created_at"]
    list_select_related = ["event"]
    search_fields = ["name"]
    raw_id_fields = ["created_by"]
    inlines = [TeamMemberInline]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["user", "team", "decided_by"]


class ScreenshotInline(admin.TabularInline):
    model = Screenshot
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "state", "submitted_at"]
    list_filter = ["state"]
    list_select_related = ["team"]
    raw_id_fields = ["team", "challenge", "toolbox_card"]
    inlines = [ScreenshotInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "weight", "min_score", "max_score", "position"]
    list_select_related = ["event"]


@admin.register(Juror)
class JurorAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "added_at"]
    raw_id_fields = ["user", "added_by"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["project", "juror", "updated_at"]
    raw_id_fields = ["project", "juror"]
    inlines = [ScoreInline]


@admin.register(Prize)
class PrizeAdmin(admin.ModelAdmin):
    list_display = ["title", "rank", "event", "project"]
    raw_id_fields = ["project"]
