"""Staff keep the neighbourhoods' contact persons: the list, their details, who serves where."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, ListView, UpdateView

from portal.pagination import CountingPaginator

from .. import services
from ..forms import ContactPersonForm, TerritoryContactForm
from ..mixins import PortalPermissionMixin
from ..models import ContactPerson, Territory
from .service_forms import ServiceFormView

STAFF_ONLY = gettext_lazy("Only municipal staff keep the list of contact persons.")


class ContactPersonListView(PortalPermissionMixin, ListView):
    """Every contact person with the territories they serve; neighbourhoods without one first."""

    permission_required = "portal.view_contact_list"
    permission_denied_message = STAFF_ONLY
    template_name = "portal/contactperson_list.html"
    context_object_name = "contact_persons"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_permission_object(self):
        return self.request.municipality

    def get_queryset(self):
        served = Territory.objects.order_by("sort_name")
        return (
            ContactPerson.objects.of(self.request.municipality)
            .order_by("name", "pk")
            .prefetch_related(Prefetch("territories", queryset=served, to_attr="served"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["without_contact"] = (
            Territory.objects.of(self.request.municipality)
            .neighbourhoods()
            .filter(contact_person__isnull=True)
            .select_related("parent")
            .order_by("name")
        )
        return context


class ContactPersonCreateView(PortalPermissionMixin, CreateView):
    permission_required = "portal.change_contact_person"
    permission_denied_message = STAFF_ONLY
    form_class = ContactPersonForm
    template_name = "portal/contactperson_form.html"
    success_url = reverse_lazy("contact-list")

    def get_permission_object(self):
        return self.request.municipality

    def form_valid(self, form):
        person = services.save_contact_person(
            actor=self.request.user, municipality=self.request.municipality, **form.cleaned_data
        )
        messages.success(self.request, _("%(name)s was added.") % {"name": person})
        return redirect(self.success_url)


class ContactPersonUpdateView(PortalPermissionMixin, UpdateView):
    permission_required = "portal.change_contact_person"
    permission_denied_message = STAFF_ONLY
    form_class = ContactPersonForm
    template_name = "portal/contactperson_form.html"
    success_url = reverse_lazy("contact-list")

    def get_queryset(self):
        return ContactPerson.objects.of(self.request.municipality)

    def form_valid(self, form):
        person = services.save_contact_person(
            actor=self.request.user,
            municipality=self.request.municipality,
            person=self.object,
            **form.cleaned_data,
        )
        messages.success(self.request, _("The details of %(name)s were saved.") % {"name": person})
        return redirect(self.success_url)


class TerritoryContactView(PortalPermissionMixin, ServiceFormView):
    """Staff choose which contact person serves a neighbourhood, or that nobody does yet."""

    permission_required = "portal.change_territory"
    permission_denied_message = gettext_lazy(
        "Only municipal staff choose a neighbourhood's contact person."
    )
    form_class = TerritoryContactForm
    template_name = "portal/territory_contact_form.html"

    @cached_property
    def territory(self):
        return get_object_or_404(
            Territory.objects.of(self.request.municipality).neighbourhoods().with_parent(),
            slug=self.kwargs["slug"],
        )

    def get_permission_object(self):
        return self.territory

    def get_initial(self):
        return {"contact_person": self.territory.contact_person}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["territory"] = self.territory
        return context

    def save(self, data):
        person = data["contact_person"]
        services.assign_contact_person(
            actor=self.request.user, territory=self.territory, contact_person=person
        )
        return person

    def get_success_message(self, person):
        if person is None:
            message = _("%(territory)s has no contact person now.")
        else:
            message = _("%(name)s is now the contact person of %(territory)s.")
        return message % {"name": person, "territory": self.territory}

    def get_success_url(self, person=None):
        return self.territory.get_absolute_url()
