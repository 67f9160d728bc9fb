"""Grant programmes, their rounds, applications with budgets, evaluation and reports."""

from .models_applications import (  # noqa: F401 - models of the app
    Application,
    ApplicationStatusChange,
    Attachment,
    BudgetLine,
    InKindContribution,
)
from .models_evaluation import ConflictDeclaration, EvaluatorAssignment, Score  # noqa: F401
from .models_reports import (  # noqa: F401, E402
    Report,
    ReportFile,
    ReportLine,
    ReportStatusChange,
)
from .models_rounds import (  # noqa: F401
    Criterion,
    Programme,
    Question,
    Round,
    RoundDocument,
    RoundReminder,
    RoundStatusChange,
)
from .models_spending import (  # noqa: F401, E402
    SpendingDocument,
    SpendingLine,
    SpendingReport,
    SpendingReportChange,
)
from .models_subsidies import SubsidyAward, SubsidyTier, SubsidyTierChange  # noqa: F401, E402
