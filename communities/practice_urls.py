"""Good practice, agreements and open data, at the root of a municipality's host:
``/{lang}/good-practice/``, ``/{lang}/agreements/``, ``/{lang}/open-data/``."""

from django.urls import path

from .views import agreements, open_data, stories

app_name = "practice"

urlpatterns = [
    path("good-practice/", stories.StoryListView.as_view(), name="story-list"),
    path("good-practice/review/", stories.StoryQueueView.as_view(), name="story-queue"),
    path("good-practice/sharing/", stories.SharingCommunitiesView.as_view(), name="sharing"),
    path(
        "good-practice/write/<slug:slug>/", stories.StoryCreateView.as_view(), name="story-create"
    ),
    path(
        "good-practice/share/<slug:slug>/",
        stories.ExperienceOfferView.as_view(),
        name="experience-offer",
    ),
    path(
        "good-practice/questions/<int:pk>/",
        stories.QuestionReplyView.as_view(),
        name="question-reply",
    ),
    path("good-practice/<int:pk>/", stories.StoryDetailView.as_view(), name="story-detail"),
    path("good-practice/<int:pk>/edit/", stories.StoryUpdateView.as_view(), name="story-edit"),
    path("good-practice/<int:pk>/submit/", stories.StorySubmitView.as_view(), name="story-submit"),
    path("good-practice/<int:pk>/review/", stories.StoryReviewView.as_view(), name="story-review"),
    path("good-practice/<int:pk>/ask/", stories.StoryAskView.as_view(), name="story-ask"),
    path(
        "good-practice/<int:pk>/photos/<int:photo>/",
        stories.StoryPhotoView.as_view(),
        name="story-photo",
    ),
    path("open-data/", open_data.OpenDataView.as_view(), name="open-data"),
    path(
        "open-data/<slug:dataset>.<str:fmt>",
        open_data.OpenDataDownloadView.as_view(),
        name="open-data-download",
    ),
    path("agreements/", agreements.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/add/", agreements.AgreementCreateView.as_view(), name="agreement-create"),
    path("agreements/<int:pk>/", agreements.AgreementDetailView.as_view(), name="agreement-detail"),
    path(
        "agreements/<int:pk>/edit/", agreements.AgreementUpdateView.as_view(), name="agreement-edit"
    ),
    path(
        "agreements/<int:pk>/document/",
        agreements.AgreementDocumentView.as_view(),
        name="agreement-document",
    ),
    path(
        "agreements/<int:pk>/<str:action>/",
        agreements.AgreementStatusView.as_view(),
        name="agreement-status",
    ),
]
