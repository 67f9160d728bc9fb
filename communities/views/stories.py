"""Pages of good-practice stories: the list, a story, writing, review, asking the authors."""

from django.contrib import messages
from django.db.models import Count, Window
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView
from django_filters.views import FilterView

from portal.history import conflict_message
from portal.mixins import HtmxFragmentMixin, PortalPermissionMixin
from portal.pagination import CountingPaginator, KeyFirstPaginator
from portal.shapes import shape
from portal.uploads import CONTENT_TYPES
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..duties import own_community_message
from ..filters import StoryFilter
from ..forms.stories import (
    ExperienceOfferForm,
    QuestionForm,
    ReplyForm,
    StoryDecisionForm,
    StoryForm,
)
from ..models import Community, ExperienceOffer, Story, StoryQuestion
from ..rules import is_involved_in, writes_the_story
from ..services import stories as services
from ..shown import for_story_cards
from .base import CommunityMixin

WRITERS_ONLY = gettext_lazy("Only the leaders and board of the community write its stories.")
STAFF_ONLY = gettext_lazy("Only municipal staff review good-practice stories.")


@shape
def _story_cards(keys):
    return Story.objects.for_cards().filter(pk__in=keys).order_by()


@shape
def _sharing_count(municipality_id):
    """The number of communities glad to share their experience (on the first row; no row
    when none is)."""
    offers = ExperienceOffer.objects.filter(
        community__municipality=municipality_id, community__status__in=Community.PUBLIC_STATUSES
    )
    return offers.annotate(n=Window(Count("pk"))).order_by().values_list("n", flat=True)[:1]


class StoryListView(HtmxFragmentMixin, FilterView):
    """Published stories of the municipality, filtered by form, topic and neighbourhood."""

    model = Story
    filterset_class = StoryFilter
    template_name = "content_page.html"
    content_template_name = "communities/stories/_story_list_content.html"
    htmx_template_name = "communities/stories/_story_results.html"
    paginate_by = 20
    paginator_class = KeyFirstPaginator
    context_object_name = "stories"

    def get_filterset_kwargs(self, filterset_class):
        return {
            **super().get_filterset_kwargs(filterset_class),
            "municipality": self.request.municipality,
        }

    def get_queryset(self):
        """The keys of the list in its order (the page's stories are read by key: ``load``)."""
        return (
            Story.objects.of(self.request.municipality).published().order_by("-published_at", "-pk")
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, load=_story_cards, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {
            **context,
            "stories": for_story_cards(context["stories"]),
            "page_title": _("Good practice"),
            "page_description": _(
                "What communities of the municipality did, told by their leaders: the problem, "
                "what they did, what it cost and what came of it."
            ),
            "sharing_count": next(iter(_sharing_count(self.request.municipality.pk)), 0),
        }


class StoryMixin(PortalPermissionMixin):
    """Loads the story named in the URL on its municipality's host; a story the person may
    not see (a draft of another community) is a 404, never a refusal."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("practice.view_story", self.story):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def story(self):
        stories = Story.objects.of(self.request.municipality).select_related(
            "community", "municipality"
        )
        return get_object_or_404(stories, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.story


class StoryDetailView(StoryMixin, View):
    permission_required = "practice.view_story"

    def get(self, request, pk):
        story, user = self.story, request.user
        context = {
            "story": story,
            "community": story.community,
            "photos": story.photos.all(),
            "neighbourhoods": story.neighbourhoods.all(),
            "events": story.events.recorded(),
            "joint_opinions": story.joint_opinions.recorded(),
            "page_description": _("A good-practice story of %(community)s: %(problem)s")
            % {"community": story.community.name, "problem": Truncator(story.problem).words(30)},
        }
        if user.has_perm("practice.view_story_history", story):
            context["history"] = story.status_changes.select_related("actor")
        if writes_the_story(user, story):
            context["questions"] = story.questions.select_related("asker")
        return render(request, "communities/stories/story_detail.html", context)


class StoryPhotoView(StoryMixin, View):
    """A photo of a story, shown wherever the story may be seen."""

    permission_required = "practice.view_story"

    def get(self, request, pk, photo):
        row = get_object_or_404(self.story.photos, pk=photo)
        extension = row.image.name.rsplit(".", 1)[-1].lower()
        response = FileResponse(
            row.image.open("rb"), content_type=CONTENT_TYPES.get(extension, "image/jpeg")
        )
        response["X-Content-Type-Options"] = "nosniff"
        if not self.story.is_published:
            response["Cache-Control"] = "no-store"
        return response


class StoryFormMixin:
    """Write or change a story: what the form holds goes to the service with its photos. A
    form opened on an older version comes back on the new one, with what was typed."""

    form_class = StoryForm
    template_name = "communities/stories/story_form.html"

    def get_success_url(self, story=None):
        return story.get_absolute_url()

    def form_refused(self, form, error):
        if getattr(error, "code", None) == "stale":  # the form was opened on an older version
            form.data = form.data.copy()
            form.data["version"] = Story.objects.get(pk=self.story.pk).version
        return super().form_refused(form, error)


class StoryCreateView(CommunityMixin, StoryFormMixin, ServiceFormView):
    permission_required = "practice.add_story"
    permission_denied_message = WRITERS_ONLY
    success_message = gettext_lazy("The story is saved as a draft.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "community": self.community}

    def save(self, data):
        return services.create_story(
            actor=self.request.user, community=self.community, photos=self.form.photos, **data
        )


class StoryUpdateView(StoryMixin, StoryFormMixin, ServiceFormView):
    permission_required = "practice.change_story"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders and board change a draft or a returned story."
    )
    success_message = gettext_lazy("The story is saved.")

    @property
    def community(self):
        return self.story.community

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "community": self.community, "instance": self.story}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "story": self.story}

    def save(self, data):
        return services.update_story(
            actor=self.request.user,
            story=self.story,
            expected_version=self.form.expected_version,
            photos=self.form.photos,
            remove_photos=self.form.remove,
            **data,
        )


class StorySubmitView(StoryMixin, ServiceActionView):
    permission_required = "practice.submit_story"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders and board send a draft or a returned story for review."
    )
    success_message = gettext_lazy(
        "Thank you. The municipality will read the story and publish it."
    )

    def act(self):
        return services.submit_story(actor=self.request.user, story=self.story)

    def get_success_url(self, result):
        return self.story.get_absolute_url()


class StoryQueueView(PortalPermissionMixin, ListView):
    permission_required = "practice.view_story_queue"
    permission_denied_message = STAFF_ONLY
    template_name = "communities/stories/story_queue.html"
    context_object_name = "stories"
    paginate_by = 25
    paginator_class = CountingPaginator

    def get_permission_object(self):
        return self.request.municipality

    def get_queryset(self):
        return (
            Story.objects.of(self.request.municipality)
            .filter(status__in=(Story.Status.SUBMITTED, Story.Status.RETURNED))
            .select_related("community")
            .order_by("status", "submitted_at", "pk")
        )


class StoryReviewView(StoryMixin, ServiceFormView):
    """Staff publish a story or return it with reasons. A refusal is said above the page;
    someone else's decision meanwhile is shown on the page again."""

    permission_required = "practice.view_story_queue"
    permission_denied_message = STAFF_ONLY
    form_class = StoryDecisionForm
    template_name = "communities/stories/story_review.html"
    refusal_as_message = True

    def post(self, request, *args, **kwargs):
        story = self.story
        if not request.user.has_perm("practice.review_story", story):
            if story.awaits_review and is_involved_in(request.user, story.community):
                messages.error(request, own_community_message())
            else:
                messages.error(request, conflict_message())
            return redirect("practice:story-review", pk=story.pk)
        return super().post(request, *args, **kwargs)

    def save(self, data):
        if data["decision"] == StoryDecisionForm.PUBLISH:
            return services.publish_story(
                actor=self.request.user, story=self.story, note=data["reason"]
            )
        return services.return_story(
            actor=self.request.user, story=self.story, reason=data["reason"]
        )

    def get_success_message(self, result):
        if self.form.cleaned_data["decision"] == StoryDecisionForm.PUBLISH:
            return _("The story is published.")
        return _("The story was returned to the leaders.")

    def get_success_url(self, result=None):
        return reverse("practice:story-queue")

    def get_conflict_url(self):
        return reverse("practice:story-review", args=[self.story.pk])

    def get_context_data(self, **kwargs):
        story = self.story
        return {
            **super().get_context_data(**kwargs),
            "story": story,
            "community": story.community,
            "photos": story.photos.all(),
            "neighbourhoods": story.neighbourhoods.all(),
            "history": story.status_changes.select_related("actor"),
        }


class StoryAskView(StoryMixin, ServiceFormView):
    """A signed-in person asks the story's community a question."""

    permission_required = "practice.ask_authors"
    permission_denied_message = gettext_lazy(
        "Sign in to ask about a published story; its own leaders need not ask."
    )
    form_class = QuestionForm
    template_name = "communities/stories/story_ask.html"
    success_message = gettext_lazy(
        "Your question was sent to the community. Its reply will come by email."
    )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "story": self.story,
            "left": services.questions_left_today(self.request.user),
        }

    def save(self, data):
        return services.ask_authors(
            actor=self.request.user, story=self.story, message=data["message"]
        )

    def get_success_url(self, question=None):
        return self.story.get_absolute_url()


class QuestionReplyView(PortalPermissionMixin, ServiceFormView):
    permission_required = "practice.answer_question"
    permission_denied_message = gettext_lazy(
        "Only the leaders and board of the story's community reply."
    )
    form_class = ReplyForm
    template_name = "communities/stories/question_reply.html"
    success_message = gettext_lazy("Your reply was sent.")

    @cached_property
    def question(self):
        questions = StoryQuestion.objects.filter(
            story__municipality=self.request.municipality
        ).select_related("story__community", "asker", "replied_by")
        return get_object_or_404(questions, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.question

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question}

    def save(self, data):
        return services.answer_question(
            actor=self.request.user, question=self.question, reply=data["reply"]
        )

    def get_success_url(self, question=None):
        return reverse("practice:question-reply", args=[self.question.pk])


class ExperienceOfferView(CommunityMixin, ServiceFormView):
    """The leaders say whether they are glad to share their experience."""

    permission_required = "practice.offer_experience"
    permission_denied_message = gettext_lazy("Only the leaders and board of the community say so.")
    form_class = ExperienceOfferForm
    template_name = "communities/stories/experience_offer.html"
    success_message = gettext_lazy("Saved.")

    def get_initial(self):
        offer = ExperienceOffer.objects.filter(community=self.community).first()
        return {"offer": offer is not None, "note": offer.note if offer else ""}

    def save(self, data):
        return services.offer_experience(actor=self.request.user, community=self.community, **data)

    def get_success_url(self, offer=None):
        return self.community.get_absolute_url()


class SharingCommunitiesView(ListView):
    """The communities glad to share their experience."""

    template_name = "content_page.html"
    content_template_name = "communities/stories/_sharing_content.html"
    context_object_name = "offers"
    paginate_by = 20
    paginator_class = CountingPaginator

    def get_queryset(self):
        return (
            ExperienceOffer.objects.filter(
                community__municipality=self.request.municipality,
                community__status__in=Community.PUBLIC_STATUSES,
            )
            .select_related("community")
            .prefetch_related("community__neighbourhoods")
            .order_by("community__sort_name", "pk")
        )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Communities glad to share their experience"),
        }
