"""Django admin for the platform's staff; organisers set the review up in the site's
organiser area (/organise/<summit>/review/)."""

from django.contrib import admin

from .models import (
    Assignment,
    AssignmentRun,
    Conflict,
    Criterion,
    Decision,
    DecisionTemplate,
    Phase,
    Review,
    Reviewer,
    ReviewerTeam,
    ReviewSettings,
)


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(admin.ModelAdmin):
    list_display = ["summit", "is_blind", "reviews_per_proposal", "min_load", "max_load"]
    list_select_related = ["summit"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "summit", "starts_at", "ends_at", "reviewers_can_score", "position"]
    list_filter = ["summit"]
    list_select_related = ["summit"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "summit", "weight", "scale_min", "scale_max", "position"]
    list_filter = ["summit"]
    list_select_related = ["summit"]


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["user", "summit", "min_load", "max_load"]
    list_filter = ["summit"]
    list_select_related = ["user", "summit"]
    raw_id_fields = ["user"]
    search_fields = ["user__email", "user__name"]
    filter_horizontal = ["preferred_tracks"]


@admin.register(ReviewerTeam)
class ReviewerTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "summit", "can_decide"]
    list_filter = ["summit", "can_decide"]
    list_select_related = ["summit"]
    filter_horizontal = ["tracks", "members"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "proposal", "source", "created_at"]
    list_filter = ["source"]
    list_select_related = ["reviewer__user", "proposal"]
    raw_id_fields = ["reviewer", "proposal"]


@admin.register(AssignmentRun)
class AssignmentRunAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "summit",
        "fairness",
        "total_affinity",
        "lowest_affinity",
        "is_optimal",
        "published_at",
    ]
    list_filter = ["summit"]
    list_select_related = ["summit"]
    raw_id_fields = ["created_by"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "proposal", "affinity", "is_manual", "created_at"]
    list_select_related = ["reviewer__user", "proposal"]
    raw_id_fields = ["reviewer", "proposal"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "proposal", "total", "is_abstained", "updated_at"]
    list_select_related = ["reviewer__user", "proposal"]
    raw_id_fields = ["reviewer", "proposal"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["proposal", "outcome", "applied_at", "reply", "replied_at"]
    list_filter = ["outcome", "reply"]
    list_select_related = ["proposal"]
    raw_id_fields = ["proposal", "decided_by", "replied_by"]


@admin.register(DecisionTemplate)
class DecisionTemplateAdmin(admin.ModelAdmin):
    list_display = ["outcome", "summit"]
    list_filter = ["summit"]
    list_select_related = ["summit"]
