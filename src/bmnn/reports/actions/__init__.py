"""The doors that write the reports app: deadlines, keys, packages sent, received, refused and
approved. Each asks bmnn.registry.may for the step (bmnn.law.steps) and appends its event."""

from bmnn.reports.actions.deadlines import do_set_report_deadline, do_withdraw_report_deadline
from bmnn.reports.actions.incoming import (
    PACKAGE_SOURCE,
    do_approve_report,
    do_approve_reports,
    do_import_report_package,
    do_import_report_packages,
    do_refuse_report_package,
)
from bmnn.reports.actions.keys import do_create_package_key, do_register_package_key, do_revoke_package_key
from bmnn.reports.actions.sending import do_export_report_package

__all__ = [
    "PACKAGE_SOURCE",
    "do_approve_report",
    "do_approve_reports",
    "do_create_package_key",
    "do_export_report_package",
    "do_import_report_package",
    "do_import_report_packages",
    "do_refuse_report_package",
    "do_register_package_key",
    "do_revoke_package_key",
    "do_set_report_deadline",
    "do_withdraw_report_deadline",
]
