from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from front.views import dashboard, participation, privacy
from front.views import pages as site_views
from portal.hosts import host_is_served
from portal.views import contacts as views_contacts
from portal.views import outbox as views_outbox
from portal.views import pages as views
from portal.views import reports as views_reports
from portal.views import security as views_security

# Answered on every host, the national one too (front/national_urls.py).
EVERY_HOST = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/host", host_is_served, name="healthz-host"),
    path("healthz/live", views.healthz_live, name="healthz-live"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
]

# A person's own pages and the portal's notices, in a language, on every host. The security
# events: staff read their municipality's, administrators every municipality's on the national
# host.
PERSONAL = [
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path(
        "profile/notifications/",
        views_outbox.NotificationPreferencesView.as_view(),
        name="notification-preferences",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        views_outbox.UnsubscribeView.as_view(),
        name="notification-unsubscribe",
    ),
    path("security/", views_security.SecurityEventListView.as_view(), name="security-event-list"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", privacy.PrivacyNoticeView.as_view(), name="privacy"),
    path("profile/data/", privacy.MyDataView.as_view(), name="my-data"),
]

urlpatterns = list(EVERY_HOST)

urlpatterns += i18n_patterns(
    path("", site_views.HomeView.as_view(), name="home"),
    path("territories/", site_views.TerritoryListView.as_view(), name="territory-list"),
    # Before territories/<slug>/, so that "contacts" is not read as a territory's slug.
    path(
        "territories/contacts/",
        views_contacts.ContactPersonListView.as_view(),
        name="contact-list",
    ),
    path(
        "territories/contacts/add/",
        views_contacts.ContactPersonCreateView.as_view(),
        name="contact-create",
    ),
    path(
        "territories/contacts/<int:pk>/edit/",
        views_contacts.ContactPersonUpdateView.as_view(),
        name="contact-update",
    ),
    path(
        "territories/<slug:slug>/contact/",
        views_contacts.TerritoryContactView.as_view(),
        name="territory-contact",
    ),
    path(
        "territories/<slug:slug>/",
        site_views.TerritoryDetailView.as_view(),
        name="territory-detail",
    ),
    *PERSONAL,
    path("notifications/log/", views_outbox.DeliveryLogView.as_view(), name="notification-log"),
    path(
        "notifications/log/<int:pk>/resend/",
        views_outbox.NotificationResendView.as_view(),
        name="notification-resend",
    ),
    path("documents/<int:pk>/", views_reports.ReportView.as_view(), name="report-detail"),
    path(
        "documents/<int:pk>/download/",
        views_reports.ReportDownloadView.as_view(),
        name="report-download",
    ),
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("dashboard/pdf/", dashboard.DashboardReportView.as_view(), name="dashboard-pdf"),
    path("profile/delete/", privacy.AccountDeleteView.as_view(), name="account-delete"),
    path("communities/", include("communities.urls")),
    path("", include("communities.practice_urls")),  # good practice, agreements, open data
    path("consultations/", include("consultations.urls")),
    path("reports/", include("consultations.problem_urls")),
    path("councils/", include("councils.urls")),
    path("participation/", participation.ParticipationView.as_view(), name="participation"),
    path(
        "participation/calendar.ics",
        participation.ParticipationCalendarView.as_view(),
        name="participation-calendar",
    ),
    path("grants/", include("grants.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
