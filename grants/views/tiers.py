"""Staff set up an annual subsidy's tiers, change them while nothing is awarded under them,
and retire them (kept with their awards and history, no longer offered)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .. import subsidy_services
from ..budget import money
from ..forms import RetireTierForm, SubsidyTierForm
from ..subsidy_services import EDITED_FIELDS
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


def _errors_onto(form, error):
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class TierCreateView(ProgrammeMixin, View):
    permission_required = "grants.manage_subsidy_tiers"
    permission_denied_message = STAFF_ONLY

    def get_permission_object(self):
        return self.programme

    def get(self, request, programme):
        return self._render(SubsidyTierForm(programme=self.programme))

    def post(self, request, programme):
        form = SubsidyTierForm(request.POST, programme=self.programme)
        if form.is_valid():
            try:
                tier = subsidy_services.add_tier(
                    actor=request.user, programme=self.programme, **form.cleaned_data
                )
            except ValidationError as error:
                _errors_onto(form, error)
            else:
                messages.success(request, _("The tier “%(name)s” is set up.") % {"name": tier})
                return redirect("grants:subsidy-tier-list", programme=programme)
        return self._render(form)

    def _render(self, form):
        return render(
            self.request,
            "grants/subsidy_tier_form.html",
            {"programme": self.programme, "form": form, "tier": None},
        )


class TierMixin(ProgrammeMixin):
    permission_denied_message = STAFF_ONLY

    @cached_property
    def tier(self):
        return get_object_or_404(self.programme.tiers, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.tier


class TierEditView(TierMixin, View):
    """The tier's form while nothing is awarded under it; its history always."""

    permission_required = "grants.manage_subsidy_tiers"

    def get(self, request, programme, pk):
        return self._render(SubsidyTierForm(instance=self.tier, programme=self.programme))

    def post(self, request, programme, pk):
        if not self._editable():
            messages.error(request, self._refusal())
            return redirect("grants:subsidy-tier-edit", programme=programme, pk=pk)
        form = SubsidyTierForm(request.POST, instance=self.tier, programme=self.programme)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in EDITED_FIELDS}
            try:
                subsidy_services.change_tier(actor=request.user, tier=self.tier, **values)
            except ValidationError as error:
                _errors_onto(form, error)
            else:
                messages.success(request, _("The tier is saved."))
                return redirect("grants:subsidy-tier-list", programme=programme)
        return self._render(form)

    @cached_property
    def awarded(self):
        return subsidy_services.tier_is_awarded(self.tier)

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

    def _render(self, form):
        editable = self._editable()
        return render(
            self.request,
            "grants/subsidy_tier_form.html",
            {
                "programme": self.programme,
                "tier": self.tier,
                "form": form if editable else None,
                "refusal": "" if editable else self._refusal(),
                "conditions": [] if editable else _conditions(self.tier),
                "history": self.tier.changes.select_related("actor"),
            },
        )


def _conditions(tier):
    """``(label, value)`` of each of the tier's fields, as the read-only page shows them."""
    rows = []
    for name in EDITED_FIELDS:
        value = getattr(tier, name)
        if name == "amount":
            value = money(value)
        rows.append((tier._meta.get_field(name).verbose_name, value))
    return rows


class TierRetireView(TierMixin, View):
    permission_required = "grants.retire_subsidy_tier"

    def get(self, request, programme, pk):
        return self._render(RetireTierForm())

    def post(self, request, programme, pk):
        form = RetireTierForm(request.POST)
        if form.is_valid():
            try:
                subsidy_services.retire_tier(
                    actor=request.user, tier=self.tier, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The tier “%(name)s” is retired.") % {"name": self.tier}
                )
                return redirect("grants:subsidy-tier-list", programme=programme)
        return self._render(form)

    def _render(self, form):
        return render(
            self.request,
            "grants/subsidy_tier_retire.html",
            {"programme": self.programme, "tier": self.tier, "form": form},
        )
