"""Good-practice stories: what a community did, told by its leaders, published by staff.

The guidelines' survey ("Kopienu iesaisti veicinoši paņēmieni") names making other
communities' good practice known as the support new and existing communities value most.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, Territory, municipality_key
from portal.querysets import InMunicipalityQuerySet
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

from .community import ParticipationForm

# Photos of a story: pictures only, checked by their content.
STORY_PHOTO = DocumentValidator(types=("png", "jpg"))
MAX_PHOTOS = 6


class Topic(models.TextChoices):
    ENVIRONMENT = "environment", _("environment and greenery")
    PUBLIC_SPACE = "public_space", _("public space and infrastructure")
    CULTURE = "culture", _("culture and traditions")
    SAFETY = "safety", _("safety")
    SOCIAL = "social", _("social inclusion and neighbourly help")
    CHILDREN = "children", _("children and young people")
    SENIORS = "seniors", _("seniors")
    SPORT = "sport", _("sport and health")
    HERITAGE = "heritage", _("history and heritage")
    OTHER = "other", _("another topic")


# What a story's card shows of its own row.
CARD_COLUMNS = ("municipality", "title", "problem", "topic", "participation_forms")


class StoryQuerySet(InMunicipalityQuerySet):
    def published(self):
        return self.filter(status=Story.Status.PUBLISHED)

    def with_form(self, form):
        return self.filter(forms_key__contains=f",{form},")

    def inside(self, territory):
        """Stories tagged with a neighbourhood anywhere inside ``territory``."""
        if territory.parent_id is None:
            return self.filter(municipality_id=territory.municipality_id)
        parts = Territory.objects.filter(path__startswith=territory.path).values("pk")
        tagged = Story.neighbourhoods.through.objects.filter(territory_id__in=parts)
        return self.filter(pk__in=tagged.values("story_id"))

    def for_list(self):
        return self.select_related("community").prefetch_related(
            "neighbourhoods", models.Prefetch("photos", StoryPhoto.objects.order_by("position"))
        )

    def for_cards(self):
        """What cards show (``communities.shown.for_story_cards`` adds the places
        and the photo): the story's columns shown, its community's name, and the key and
        text of its first photo in the same query (``card_photo_pk``, ``card_photo_alt``)."""
        first = StoryPhoto.objects.filter(story=models.OuterRef("pk")).order_by("position", "pk")
        return (
            self.select_related("community")
            .only(*CARD_COLUMNS, "community__name")
            .annotate(
                card_photo_pk=models.Subquery(first.values("pk")[:1]),
                card_photo_alt=models.Subquery(first.values("alt_text")[:1]),
            )
        )


class Story(LifecycleMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for review")
        RETURNED = "returned", _("returned for corrections")
        PUBLISHED = "published", _("published")

    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.SUBMITTED: "submit"},
            Status.SUBMITTED: {Status.PUBLISHED: "publish", Status.RETURNED: "return"},
            Status.RETURNED: {Status.SUBMITTED: "submit"},
        },
        start={Status.DRAFT: "write"},
        history="status_changes",
    )
    EDITABLE_STATUSES = lifecycle.sources(Status.SUBMITTED)

    municipality = municipality_key("stories", on_delete=models.PROTECT)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="stories",
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    problem = models.TextField(_("the problem or wish"))
    actions = models.TextField(_("what we did"))
    partners = models.TextField(_("with whom"), blank=True)
    costs = models.TextField(_("what it cost"), blank=True)
    funding = models.TextField(_("how it was funded"), blank=True)
    results = models.TextField(_("what came of it"))
    lessons = models.TextField(_("what we would do differently"), blank=True)
    participation_forms = models.JSONField(_("forms of participation"), default=list, blank=True)
    # ",needs,planning," kept from participation_forms on save: one portable filter.
    forms_key = models.CharField(max_length=200, editable=False, default="", db_index=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    neighbourhoods = models.ManyToManyField(
        Territory,
        verbose_name=_("neighbourhoods"),
        related_name="stories",
        limit_choices_to={"is_neighbourhood": True},
        blank=True,
    )
    events = models.ManyToManyField(
        "communities.Event", verbose_name=_("events"), related_name="stories", blank=True
    )
    joint_opinions = models.ManyToManyField(
        "communities.JointOpinion",
        verbose_name=_("joint opinions"),
        related_name="stories",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("good-practice story")
        verbose_name_plural = _("good-practice stories")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(
                fields=["municipality", "status", "published_at", "id"], name="story_list"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.forms_key = "," + ",".join(self.participation_forms or []) + ","
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "participation_forms" in update_fields:
            kwargs["update_fields"] = {*update_fields, "forms_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("practice:story-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def awaits_review(self):
        return self.can_move_to(self.Status.PUBLISHED)

    def get_participation_forms_display(self):
        labels = dict(ParticipationForm.choices)
        return [labels.get(value, value) for value in self.participation_forms]

    # What its card shows (communities.shown.story_cards_html). A list sets them once for
    # all its cards (communities.shown.for_story_cards); any other story works them
    # out here. ``link``: its page elsewhere (another municipality's host), shown without
    # photos.

    @cached_property
    def card_url(self):
        return getattr(self, "link", "") or self.get_absolute_url()

    @cached_property
    def card_places(self):
        return ", ".join(territory.name for territory in self.neighbourhoods.all())

    @cached_property
    def card_photo(self):
        if getattr(self, "link", ""):
            return None
        return next(iter(self.photos.all()), None)

    @cached_property
    def card_topic(self):
        return capfirst(self.get_topic_display())

    @cached_property
    def card_problem(self):
        return Truncator(self.problem).words(30, truncate=" …")


class StoryStatusChange(StatusChange):
    subject_field = "story"
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="status_changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("good-practice story: history")
        verbose_name_plural = _("good-practice stories: history")


class StoryPhoto(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=generated_upload_path, validators=[STORY_PHOTO])
    alt_text = models.CharField(
        _("what the photo shows"),
        max_length=300,
        validators=[single_line],
        help_text=_("For people who cannot see the photo: describe what it shows."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo of a story")
        verbose_name_plural = _("photos of stories")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text

    def get_absolute_url(self):
        return reverse("practice:story-photo", kwargs={"pk": self.story_id, "photo": self.pk})


class StoryQuestion(models.Model):
    """A signed-in person's question to a story's community, relayed by the outbox.

    The leaders see the asker's name; the asker's address reaches them only with the
    leaders' reply (the reply goes to the asker, who may then answer directly)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_questions"
    )
    message = models.TextField(_("your question"))
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    class Meta:
        verbose_name = _("question about a story")
        verbose_name_plural = _("questions about stories")
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        return f"{self.story}: {self.asker}"

    def get_absolute_url(self):
        return reverse("practice:question-reply", kwargs={"pk": self.pk})

    @property
    def is_answered(self):
        return self.replied_at is not None


class ExperienceOffer(models.Model):
    """A community's leaders say "we are glad to share our experience"."""

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="experience_offer"
    )
    note = models.CharField(
        _("what we can share"), max_length=300, blank=True, validators=[single_line]
    )
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offer to share experience")
        verbose_name_plural = _("offers to share experience")

    def __str__(self):
        return str(self.community)
