"""Staff set up an annual subsidy's tiers, change them while nothing is awarded under them,
and retire them (kept with their awards and history, no longer offered)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.views.service_forms import ServiceFormView

from ..budget import money
from ..forms.subsidies import RetireTierForm, SubsidyTierForm
from ..services.subsidies import EDITED_FIELDS, add_tier, change_tier, retire_tier, tier_is_awarded
from .subsidies import ProgrammeMixin

STAFF_ONLY = gettext_lazy("Only the municipality's staff set up subsidy tiers.")


class TierListView(ProgrammeMixin, View):
    permission_required = "grants.manage_subsidy_tiers"
    permission_denied_message = STAFF_ONLY

    def get_permission_object(self):
        return self.programme

    def get(self, request, programme):
        tiers = (
            self.programme.tiers.select_related("previous_tier")
            .annotate(award_count=Count("awards"))
            .order_by("status", "order", "pk")
        )
        return render(
            request,
            "grants/subsidy_tier_list.html",
            {"programme": self.programme, "tiers": list(tiers)},
        )


class TierCreateView(ProgrammeMixin, ServiceFormView):
    permission_required = "grants.manage_subsidy_tiers"
    permission_denied_message = STAFF_ONLY
    template_name = "grants/subsidy_tier_form.html"
    form_class = SubsidyTierForm

    def get_permission_object(self):
        return self.programme

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def save(self, data):
        return add_tier(actor=self.request.user, programme=self.programme, **data)

    def get_success_message(self, tier):
        return _("The tier “%(name)s” is set up.") % {"name": tier}

    def get_success_url(self, result=None):
        return reverse("grants:subsidy-tier-list", args=[self.programme.slug])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "programme": self.programme, "tier": None}


class TierMixin(ProgrammeMixin):
    permission_denied_message = STAFF_ONLY

    @cached_property
    def tier(self):
        return get_object_or_404(self.programme.tiers, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.tier


class TierEditView(TierMixin, ServiceFormView):
    """The tier's form while nothing is awarded under it; its history always."""

    permission_required = "grants.manage_subsidy_tiers"
    template_name = "grants/subsidy_tier_form.html"
    form_class = SubsidyTierForm
    success_message = gettext_lazy("The tier is saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.tier, "programme": self.programme}

    def post(self, request, *args, **kwargs):
        if not self._editable():
            messages.error(request, self._refusal())
            return redirect(
                "grants:subsidy-tier-edit", programme=self.programme.slug, pk=self.tier.pk
            )
        return super().post(request, *args, **kwargs)

    def save(self, data):
        values = {name: data[name] for name in EDITED_FIELDS}
        return change_tier(actor=self.request.user, tier=self.tier, **values)

    def get_success_url(self, result=None):
        return reverse("grants:subsidy-tier-list", args=[self.programme.slug])

    @cached_property
    def awarded(self):
        return tier_is_awarded(self.tier)

    def _editable(self):
        return self.request.user.has_perm("grants.change_subsidy_tier", self.tier) and (
            not self.awarded
        )

    def _refusal(self):
        if self.tier.is_retired:
            return _("A retired tier is not changed.")
        return _(
            "Subsidies are awarded under this tier, so its conditions stay as they were "
            "decided on. Retire it and set up a new tier instead."
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editable = self._editable()
        context.update(
            programme=self.programme,
            tier=self.tier,
            form=context["form"] if editable else None,
            refusal="" if editable else self._refusal(),
            conditions=[] if editable else _conditions(self.tier),
            history=self.tier.changes.select_related("actor"),
        )
        return context


def _conditions(tier):
    """``(label, value)`` of each of the tier's fields, as the read-only page shows them."""
    rows = []
    for name in EDITED_FIELDS:
        value = getattr(tier, name)
        if name == "amount":
            value = money(value)
        rows.append((tier._meta.get_field(name).verbose_name, value))
    return rows


class TierRetireView(TierMixin, ServiceFormView):
    permission_required = "grants.retire_subsidy_tier"
    template_name = "grants/subsidy_tier_retire.html"
    form_class = RetireTierForm

    def save(self, data):
        return retire_tier(actor=self.request.user, tier=self.tier, reason=data["reason"])

    def get_success_message(self, result):
        return _("The tier “%(name)s” is retired.") % {"name": self.tier}

    def get_success_url(self, result=None):
        return reverse("grants:subsidy-tier-list", args=[self.programme.slug])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "programme": self.programme,
            "tier": self.tier,
        }
