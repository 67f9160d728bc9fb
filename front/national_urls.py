"""The installation's own host: the national view across the municipalities.

Accounts work here as on every host; the pages of a municipality (registry, territories,
verification) exist only on its own host.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from front.views import national, privacy
from portal.hosts import host_is_served
from portal.views import outbox as views_outbox
from portal.views import pages as views
from portal.views import security as views_security

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/host", host_is_served, name="healthz-host"),
    path("healthz/live", views.healthz_live, name="healthz-live"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
]

urlpatterns += i18n_patterns(
    path("", national.NationalHomeView.as_view(), name="home"),
    path("communities/", national.NationalSearchView.as_view(), name="national-search"),
    path("good-practice/", national.NationalStoryListView.as_view(), name="national-stories"),
    path("open-data/", national.OpenDataView.as_view(), name="national-open-data"),
    path(
        "open-data/<slug:dataset>.<str:fmt>",
        national.OpenDataDownloadView.as_view(),
        name="national-open-data-download",
    ),
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
    # Administrators read every municipality's security events here too.
    path("security/", views_security.SecurityEventListView.as_view(), name="security-event-list"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", privacy.PrivacyNoticeView.as_view(), name="privacy"),
    path("profile/data/", privacy.MyDataView.as_view(), name="my-data"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
