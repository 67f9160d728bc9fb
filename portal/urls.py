from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("territories/", views.TerritoryListView.as_view(), name="territory-list"),
    path("territories/<slug:slug>/", views.TerritoryDetailView.as_view(), name="territory-detail"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("communities/", include("communities.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
