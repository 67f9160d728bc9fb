"""Grant programmes, their rounds, applications with budgets, evaluation and reports."""

from .applications import (  # noqa: F401 - models of the app
    Application,
    ApplicationStatusChange,
    Attachment,
    BudgetLine,
    InKindContribution,
)
from .evaluation import ConflictDeclaration, EvaluatorAssignment, Score  # noqa: F401
from .grant_reports import (  # noqa: F401
    Report,
    ReportFile,
    ReportLine,
    ReportStatusChange,
)
from .rounds import (  # noqa: F401
    Criterion,
    Programme,
    Question,
    Round,
    RoundDocument,
    RoundReminder,
    RoundStatusChange,
)
from .spending import (  # noqa: F401
    SpendingDocument,
    SpendingLine,
    SpendingReport,
    SpendingReportChange,
)
from .subsidies import SubsidyAward, SubsidyTier, SubsidyTierChange  # noqa: F401
