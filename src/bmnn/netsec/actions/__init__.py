"""Every state change of netsec: `do_<verb>_<noun>(..., *, actor)`, one transaction each."""

from __future__ import annotations

from bmnn.netsec.actions.computers import (
    EDITABLE_FIELDS,
    do_put_into_use,
    do_record_antivirus_update,
    do_record_malware,
    do_record_repurposing,
    do_record_security_check,
    do_record_wiping,
    do_register_computer,
    do_retire_computer,
    do_update_computer,
)
from bmnn.netsec.actions.scans import do_import_scan_report
from bmnn.netsec.actions.systems import (
    do_approve_level,
    do_propose_level,
    do_record_exercise,
    do_record_incident_plan,
    do_register_system,
    do_update_layer,
    do_update_measure,
)

__all__ = [
    "EDITABLE_FIELDS", "do_approve_level", "do_import_scan_report", "do_propose_level",
    "do_put_into_use", "do_record_antivirus_update", "do_record_exercise", "do_record_incident_plan",
    "do_record_malware", "do_record_repurposing", "do_record_security_check", "do_record_wiping",
    "do_register_computer", "do_register_system", "do_retire_computer", "do_update_computer",
    "do_update_layer", "do_update_measure",
]
