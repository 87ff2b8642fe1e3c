"""Every state change of self-inspection is one audited action (see DESIGN.md)."""

from bmnn.inspection.actions.answers import do_answer_question, do_check_records, do_record_incident
from bmnn.inspection.actions.evidence import Attachment, do_upload_evidence
from bmnn.inspection.actions.plans import (
    do_conclude_run,
    do_plan_self_inspection,
    do_run_self_inspection,
    do_run_step,
    do_start_run,
)
from bmnn.inspection.actions.remediation import do_assign_remediation, do_close_remediation

__all__ = [
    "Attachment",
    "do_answer_question",
    "do_assign_remediation",
    "do_check_records",
    "do_close_remediation",
    "do_conclude_run",
    "do_plan_self_inspection",
    "do_record_incident",
    "do_run_self_inspection",
    "do_run_step",
    "do_start_run",
    "do_upload_evidence",
]
