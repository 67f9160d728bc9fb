"""A meeting's papers: staff add them (several files at once) and remove one after a
confirmation; the download goes through the kit, public papers to anyone who sees the
meeting, the others to the council's sitting members and the municipality's staff."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.downloads import ProtectedDownloadView
from portal.views.service_forms import ServiceActionView

from ..forms import PapersForm
from ..models import MeetingPaper
from ..services import meetings, papers
from .base import MeetingMixin, ServiceFormView


def papers_form(meeting, data=None, files=None):
    """The form of papers, prefixed: on the meeting's page it sits beside the agenda item's."""
    return PapersForm(
        data,
        files,
        meeting=meeting,
        late=meetings.agenda_change_is_late(meeting),
        prefix="papers",
    )


class PapersAddView(MeetingMixin, ServiceFormView):
    """Staff add papers to the meeting or to one item of its agenda."""

    permission_required = "councils.change_meeting"
    permission_denied_message = gettext_lazy("Only the council's staff add papers.")
    heading = gettext_lazy("Add papers")

    def get_form(self, form_class=None):
        if self.request.method == "POST":
            return papers_form(self.meeting, self.request.POST, self.request.FILES)
        return papers_form(self.meeting)

    def save(self, data):
        return papers.add_papers(actor=self.request.user, meeting=self.meeting, **data)

    def get_success_message(self, result):
        return ngettext("The paper is added.", "%(count)s papers are added.", len(result)) % {
            "count": len(result)
        }

    def get_success_url(self, result=None):
        return self.meeting.get_absolute_url() + "#papers"


class PaperRemoveView(MeetingMixin, ServiceActionView):
    """Staff remove a paper after confirming; the meeting's history keeps who and when."""

    permission_required = "councils.change_meeting"
    permission_denied_message = gettext_lazy("Only the council's staff remove papers.")
    confirm = True

    @cached_property
    def paper(self):
        return get_object_or_404(self.meeting.papers.all(), pk=self.kwargs["paper"])

    def get_confirm_context(self):
        meeting, paper = self.meeting, self.paper
        return {
            "heading": _("Remove the paper"),
            "question": _(
                "Remove “%(title)s” from the meeting's papers? Nobody can open it any more; "
                "the meeting's history keeps who removed it and when."
            )
            % {"title": paper.title},
            "confirm_label": _("Remove the paper"),
            "back_url": meeting.get_absolute_url() + "#papers",
            "back_label": str(meeting),
        }

    def act(self):
        paper = self.paper
        paper.meeting = self.meeting
        return papers.remove_paper(actor=self.request.user, paper=paper)

    def get_success_message(self, result):
        return _("The paper “%(title)s” is removed.") % {"title": self.paper.title}

    def get_success_url(self, result):
        return self.meeting.get_absolute_url() + "#papers"


class PaperDownloadView(ProtectedDownloadView):
    """One paper of a meeting, through the download kit: a draft meeting's papers are a 404
    to those who may not see the meeting."""

    permission_required = "councils.download_paper"
    permission_denied_message = gettext_lazy(
        "Only the council's sitting members and the municipality's staff see this paper."
    )
    file_field = "file"

    def get_object(self):
        rows = MeetingPaper.objects.filter(
            meeting_id=self.kwargs["pk"],
            meeting__council__slug=self.kwargs["slug"],
            meeting__council__municipality=self.request.municipality,
        ).select_related("meeting__council")
        paper = get_object_or_404(rows, pk=self.kwargs["paper"])
        paper.meeting.council.municipality = self.request.municipality
        return paper

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("councils.view_meeting", self.object.meeting):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_download_stem(self):
        return self.object.title
