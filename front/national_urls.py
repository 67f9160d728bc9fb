"""The installation's own host: the national view across the municipalities.

Accounts work here as on every host; the pages of a municipality (registry, territories,
verification) exist only on its own host.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import path

from front.urls import EVERY_HOST, PERSONAL
from front.views import national

urlpatterns = list(EVERY_HOST)

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
    *PERSONAL,
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
