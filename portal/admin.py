from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ContactPerson, MunicipalitySettings, Territory, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_municipal_staff", "is_evaluator", "is_council_member"]
    list_filter = ["is_municipal_staff", "is_evaluator", "is_council_member", "is_superuser"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone", "language"]}),
        (_("Roles"), {"fields": ["is_municipal_staff", "is_evaluator", "is_council_member"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "is_neighbourhood", "contact_person"]
    list_filter = ["kind", "is_neighbourhood"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(ContactPerson)
admin.site.register(MunicipalitySettings)

# The admin's own login would bypass allauth's rate limits and MFA: send it through allauth.
admin.site.login = secure_admin_login(admin.site.login)
