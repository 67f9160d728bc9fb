"""Read methods of consultations and submissions; list views call these chains."""

from django.db.models import Count, Q
from django.utils import timezone

from portal.querysets import InMunicipalityQuerySet


class ConsultationQuerySet(InMunicipalityQuerySet):
    def published(self):
        return self.exclude(status="draft")

    def visible_to(self, user, municipality):
        """Published ones for everybody; drafts too for staff of the municipality."""
        from portal.roles import is_staff_of

        rows = self.of(municipality)
        return rows if is_staff_of(user, municipality) else rows.published()

    def open_now(self):
        today = timezone.localdate()
        return self.filter(status="published", opens_on__lte=today, closes_on__gte=today)

    def with_counts(self):
        return self.annotate(
            submission_count=Count("submissions", distinct=True),
            answered_count=Count(
                "submissions", filter=Q(submissions__status="answered"), distinct=True
            ),
        )

    def for_list(self):
        return self.with_counts().prefetch_related("neighbourhoods")


class SubmissionQuerySet(InMunicipalityQuerySet):
    def of(self, municipality):
        return self.filter(consultation__municipality=municipality)

    def unanswered(self):
        return self.filter(status="received")

    def overdue(self, today=None):
        """Unanswered after their due date: the extension's, else the consultation's."""
        today = today or timezone.localdate()
        return self.unanswered().filter(
            Q(extended_until__lt=today)
            | Q(extended_until__isnull=True, consultation__response_due_on__lt=today)
        )

    def aggregate_counts(self, groups=None):
        """``{"total", "joint", "answered"}``: rows counted by status and added up here (a
        ``GROUP BY`` of a few groups is quicker to build than a ``COUNT ... FILTER`` each).
        ``groups``: the ``(status, rows, joint)`` groups when already read."""
        counts = {"total": 0, "joint": 0, "answered": 0}
        if groups is None:
            groups = (
                self.values_list("status")
                .annotate(rows=Count("pk"), joint=Count("community"))
                .order_by()
            )
        for status, rows, joint in groups:
            counts["total"] += rows
            counts["joint"] += joint
            if status == "answered":
                counts["answered"] += rows
        return counts

    def for_feedback(self):
        return self.select_related("answer", "community", "author", "document").order_by(
            "community_id", "submitted_at", "pk"
        )
