"""The history events of councils and meetings, rendered in the reader's language."""

from django.utils.translation import gettext_lazy as _

from portal.history import declare_event

declare_event("seat_filled", _("%(member)s holds seat %(seat)s from %(starts)s to %(ends)s."))
declare_event("term_ended", _("The term of %(member)s on seat %(seat)s ended on %(ends)s."))
declare_event("nomination_period_opened", _("Nominations open from %(opens)s to %(closes)s."))
declare_event("recommendation_recorded", _("Recommendation recorded on item %(item)s."))
declare_event("vote_set_aside", _("A vote was set aside."))
declare_event(
    "recommendation_answered",
    _("The municipality answered the recommendation on item %(item)s."),
)
