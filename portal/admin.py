from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    ContactPerson,
    Municipality,
    MunicipalityHost,
    MunicipalStaff,
    Notification,
    SecurityEvent,
    Territory,
    User,
)


class HistoryInline(admin.TabularInline):
    """The history of any object with a lifecycle, read-only: set ``model`` to its history
    model (``class StatusChangeInline(HistoryInline): model = CommunityStatusChange``)."""

    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "actor", "from_status", "to_status", "what", "reason"]
    ordering = ["-at", "-pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("what happened"))
    def what(self, change):
        details = "; ".join(str(line) for line in change.details)
        return f"{change.headline} {details}".strip()


class StaffRoleInline(admin.TabularInline):
    model = MunicipalStaff
    fk_name = "user"
    extra = 0
    fields = ["municipality", "since", "added_by"]
    readonly_fields = ["since", "added_by"]
    verbose_name = _("staff of a municipality")
    verbose_name_plural = _("staff of municipalities")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_superuser"]
    list_filter = ["staff_roles__municipality", "is_superuser"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [StaffRoleInline]

    def save_formset(self, request, form, formset, change):
        for role in formset.save(commit=False):
            if role.pk is None:
                role.added_by = request.user
            role.save()
        for role in formset.deleted_objects:
            role.delete()
        formset.save_m2m()


class HostInline(admin.TabularInline):
    model = MunicipalityHost
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "primary_host_name", "email"]
    search_fields = ["name", "slug", "hosts__name"]
    readonly_fields = ["slug", "created_at"]
    inlines = [HostInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "created_at"]}),
        (
            _("The name in sentences"),
            {"fields": ["name_genitive", "name_locative", "name_dative"]},
        ),
        (_("Emails"), {"fields": ["email_from_name", "email_from_address"]}),
        (_("Contact details"), {"fields": ["email", "phone", "website", "address"]}),
        (
            _("Legal defaults"),
            {
                "fields": [
                    "response_working_days",
                    "min_consultation_days",
                    "min_planning_consultation_days",
                    "min_regulation_consultation_days",
                    "feedback_report_days",
                    ("activity_record_locks_on_day", "activity_record_locks_on_month"),
                ]
            },
        ),
        (_("Accessibility statement"), {"fields": ["accessibility_evaluated_on"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_hosts()

    @admin.display(description=_("primary host"))
    def primary_host_name(self, obj):
        return obj.primary_host


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "parent", "is_neighbourhood", "contact_person"]
    list_filter = ["municipality", "kind", "is_neighbourhood"]
    list_select_related = ["municipality", "parent", "contact_person"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["path"]
    raw_id_fields = ["parent", "contact_person"]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "email", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "email"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox, read only: staff resend failed messages from the delivery log page."""

    list_display = ["created_at", "kind", "email", "municipality", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["email", "key"]
    exclude = ["context"]  # may hold a confirmation key until the message is sent
    readonly_fields = [field.name for field in Notification._meta.fields if field.name != "context"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Security events, read only: nobody adds, changes or deletes the record of them."""

    list_display = ["at", "kind", "actor", "municipality", "client_ip", "object_type", "object_id"]
    list_filter = ["kind", "municipality"]
    list_select_related = ["actor", "municipality"]
    search_fields = ["actor__email", "client_ip", "object_id"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in SecurityEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The admin's own login would bypass allauth's rate limits and MFA: send it through allauth.
admin.site.login = secure_admin_login(admin.site.login)
