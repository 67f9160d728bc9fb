"""The grants' forms, one module per concept: ``rounds``, ``applications``, ``evaluation``,
``grant_reports``, ``subsidies``, ``spending``; ``base`` holds what they share. The forms give
input its shape only; the services check the round's rules."""
