from django.contrib import admin

from portal.admin import HistoryInline

from .models import (
    ActivityYearReopening,
    ChangeRequestStatusChange,
    Community,
    CommunityChangeRequest,
    CommunityStatusChange,
    Event,
    JointOpinion,
    Membership,
    MembershipChange,
)


class StatusChangeInline(HistoryInline):
    model = CommunityStatusChange


class MembershipChangeInline(HistoryInline):
    model = MembershipChange


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "legal_form", "submitted_at", "verified_at"]
    list_filter = ["status", "legal_form", "neighbourhoods"]
    search_fields = ["name", "register_number"]
    readonly_fields = ["status", "submitted_at", "verified_at", "created_by"]
    inlines = [StatusChangeInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["community", "user", "role", "status", "requested_at"]
    list_filter = ["role", "status"]
    search_fields = ["community__name", "user__email"]
    raw_id_fields = ["user", "community", "decided_by"]
    inlines = [MembershipChangeInline]


class ActivityEntryAdmin(admin.ModelAdmin):
    """Removed entries stay here for staff, with who removed them and why."""

    list_filter = [("removed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "community__name"]
    raw_id_fields = ["community"]
    readonly_fields = ["created_by", "created_at", "removed_at", "removed_by", "removal_reason"]


@admin.register(Event)
class EventAdmin(ActivityEntryAdmin):
    list_display = ["title", "community", "date", "attendance", "removed_at"]


@admin.register(JointOpinion)
class JointOpinionAdmin(ActivityEntryAdmin):
    list_display = ["title", "community", "sent_on", "removed_at"]


@admin.register(ActivityYearReopening)
class ActivityYearReopeningAdmin(admin.ModelAdmin):
    list_display = ["community", "year", "until", "reopened_by", "at"]
    raw_id_fields = ["community"]
    readonly_fields = ["reopened_by", "at"]

    # Reopened on the community page (reopen_activity_year), which writes the history.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ChangeRequestHistoryInline(HistoryInline):
    model = ChangeRequestStatusChange


@admin.register(CommunityChangeRequest)
class CommunityChangeRequestAdmin(admin.ModelAdmin):
    """Read only: staff decide on the change's page (``accept_key_change``), which applies the
    values and writes the history."""

    list_display = ["community", "status", "at", "requested_by", "decided_by"]
    list_filter = ["status"]
    search_fields = ["community__name"]
    inlines = [ChangeRequestHistoryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
