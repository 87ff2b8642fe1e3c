"""The demo's reporting: the province's own deadlines (Lào Cai's plan: the implementation plan
before 27/02, the annual report before 30/10 every year; the remediation report before
31/3/2026 for the units the national inspection named), the keys each side makes, and the
department's annual report carried to the province, received and approved. The commune has sent
nothing, so the province sees who is late. All through the actions."""

from __future__ import annotations

import datetime as dt

from bmnn.demo.people import DEPT, PROVINCE
from bmnn.demo.story import Story
from bmnn.reports.actions import (
    do_approve_report,
    do_create_package_key,
    do_export_report_package,
    do_set_report_deadline,
)
from bmnn.reports.calendar import obligations
from bmnn.reports.models import KeyPurpose
from bmnn.reports.packages.verify import verify_package
from bmnn.reports.receiving import receive

PLAN = "Kế hoạch triển khai công tác bảo vệ BMNN năm 2026 của UBND tỉnh Lào Cai (dữ liệu mẫu)"


def report(story: Story) -> None:
    province, dept = story.cast.unit(PROVINCE), story.cast.unit(DEPT)
    clerk, province_clerk = story.cast.account("vanthu"), story.cast.account("vanthutinh")
    do_create_package_key(province, purpose=KeyPurpose.SIGN, actor=province_clerk)
    do_create_package_key(province, purpose=KeyPurpose.ENCRYPT, actor=province_clerk)
    do_create_package_key(dept, purpose=KeyPurpose.SIGN, actor=clerk)
    year = story.today.year
    plan_day = min(dt.date(year, 2, 10), story.today)  # the province's plan, early in the year
    do_set_report_deadline(province, kind_id="plan", due_on=dt.date(year, 2, 27), period=str(year),
                           basis=PLAN, issued_on=plan_day, actor=province_clerk)
    do_set_report_deadline(province, kind_id="annual", due_on=dt.date(year, 10, 30), yearly=True, basis=PLAN,
                           issued_on=plan_day, actor=province_clerk)
    do_set_report_deadline(province, kind_id="remediation", due_on=dt.date(year, 3, 31), period=str(year - 1),
                           basis="Công văn của Thanh tra Bộ Công an sau kiểm tra (dữ liệu mẫu)", units=[dept],
                           issued_on=plan_day, actor=province_clerk)
    closed = [o for o in obligations([dept], dt.date(year - 1, 1, 1), dt.date(year, 12, 31))
              if o.kind == "annual" and o.data_to <= story.today]
    if not closed:
        return
    annual = closed[-1]  # the last annual report whose data window has closed
    _, raw, name = do_export_report_package(
        dept, kind_id="annual", period=annual.period, data_from=annual.data_from, data_to=annual.data_to,
        narrative="Sở đã quán triệt Luật Bảo vệ bí mật nhà nước; đang khắc phục các thiếu sót tự kiểm tra "
                  "phát hiện (dữ liệu mẫu).", actor=clerk)
    verify_package(raw)  # the same checks the province's import makes
    received = receive(name, raw, actor=province_clerk)
    assert received.filing is not None
    do_approve_report(received.filing, actor=story.cast.account("chutichtinh"))
