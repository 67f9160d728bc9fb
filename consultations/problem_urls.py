from django.urls import path

from .views import problems as views

app_name = "problems"

urlpatterns = [
    path("", views.ProblemReportListView.as_view(), name="report-list"),
    path("new/", views.ProblemReportCreateView.as_view(), name="report-create"),
    path("mine/", views.MyProblemReportsView.as_view(), name="report-mine"),
    path("queue/", views.ProblemQueueView.as_view(), name="report-queue"),
    path("<int:pk>/", views.ProblemReportDetailView.as_view(), name="report-detail"),
    path("<int:pk>/photo/", views.ProblemPhotoView.as_view(), name="report-photo"),
    path("<int:pk>/<str:action>/", views.ProblemActionView.as_view(), name="report-action"),
]
