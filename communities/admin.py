from django.contrib import admin

from portal.admin import HistoryInline

from .models import (
    Community,
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


admin.site.register(Event)
admin.site.register(JointOpinion)
