"""The detectors, one per `detect: registry` or `detect: scan` category of findings.yaml (and
KEEP-LOST, whose incidents the registry's loss records join). Importing this package registers
them all in `DETECTORS`."""

from bmnn.inspection.detectors import (  # noqa: F401  (imported to register)
    copies,
    documents,
    inventory,
    keeping,
    lifecycle,
    movements,
    organisation,
)
from bmnn.inspection.detectors.base import DETECTORS, Outcome, Record, Scope, Status

__all__ = ["DETECTORS", "Outcome", "Record", "Scope", "Status"]
