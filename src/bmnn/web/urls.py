from __future__ import annotations

from django.urls import path

from bmnn.web import auth
from bmnn.web.views import (
    accounts,
    batch,
    doc_actions,
    documents,
    home,
    org,
    register_export,
    registers,
    registers_maint,
    rules,
)

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("dang-nhap/", auth.login_view, name="login"),
    path("dang-xuat/", auth.logout_view, name="logout"),
    path("so/<str:kind>/", registers.register_list, name="register_current"),
    path("so/<str:kind>/<int:year>/", registers.register_list, name="register"),
    path("so/<str:kind>/<int:year>/tai-ve.<str:fmt>", register_export.register_export,
         name="register_export"),
    path("so/dong/<int:pk>/huy/", registers_maint.entry_cancel, name="entry_cancel"),
    path("so/quyen/<int:pk>/khoa/", registers_maint.volume_close, name="volume_close"),
    path("tai-lieu/", documents.document_list, name="documents"),
    path("tai-lieu/<int:pk>/", documents.document_detail, name="document"),
    path("tai-lieu/<int:pk>/<str:verb>/", doc_actions.document_action, name="document_action"),
    path("de-xuat/moi/", documents.proposal_new, name="proposal_new"),
    path("de-xuat/<int:pk>/duyet/", documents.proposal_decide, name="proposal_decide"),
    path("den/moi/", documents.incoming_new, name="incoming_new"),
    path("chuyen-giao/<int:pk>/ky-nhan/", doc_actions.transfer_receipt, name="transfer_receipt"),
    path("mang-ra/<int:pk>/tra/", doc_actions.take_out_return, name="take_out_return"),
    path("quyet-dinh/<int:pk>/thong-bao/", doc_actions.decision_notice, name="decision_notice"),
    path("ban-giao/moi/", batch.handover_new, name="handover_new"),
    path("tieu-huy/moi/", batch.destruction_new, name="destruction_new"),
    path("quy-dinh/", rules.rules, name="rules"),
    path("to-chuc/", org.org_overview, name="org"),
    path("to-chuc/can-bo/moi/", org.person_new, name="person_new"),
    path("to-chuc/can-bo/<int:pk>/tiep-can/", org.clearance_new, name="clearance_new"),
    path("to-chuc/chuc-vu/moi/", org.position_new, name="position_new"),
    path("quan-tri/don-vi/moi/", org.unit_new, name="unit_new"),
    path("to-chuc/uy-quyen/moi/", org.delegation_new, name="delegation_new"),
    path("to-chuc/uy-quyen/<int:pk>/thu-hoi/", org.delegation_revoke, name="delegation_revoke"),
    path("to-chuc/phan-cong/moi/", org.assignment_new, name="assignment_new"),
    path("to-chuc/cam-ket/moi/", org.commitment_new, name="commitment_new"),
    path("quan-tri/tai-khoan/", accounts.account_list, name="accounts"),
    path("quan-tri/tai-khoan/moi/", accounts.account_new, name="account_new"),
]
