from __future__ import annotations

from django.urls import path

from bmnn.netsec import views

app_name = "netsec"
urlpatterns = [
    path("", views.computer_list, name="computers"),
    path("may-tinh/moi/", views.computer_new, name="computer_new"),
    path("may-tinh/<int:pk>/", views.computer_detail, name="computer"),
    path("may-tinh/<int:pk>/sua/", views.computer_edit, name="computer_edit"),
    path("may-tinh/<int:pk>/<str:verb>/", views.computer_action, name="computer_action"),
    path("bao-cao-quet/nhap/", views.scan_import, name="scan_import"),
    path("he-thong/", views.system_list, name="systems"),
    path("he-thong/moi/", views.system_new, name="system_new"),
    path("he-thong/<int:pk>/", views.system_detail, name="system"),
    path("he-thong/<int:pk>/bien-phap/<str:item>/", views.system_measure, name="system_measure"),
    path("he-thong/<int:pk>/lop/<str:layer>/", views.system_layer, name="system_layer"),
    path("he-thong/<int:pk>/<str:verb>/", views.system_action, name="system_action"),
    path("phuong-an/", views.plan_list, name="plans"),
    path("phuong-an/moi/", views.plan_new, name="plan_new"),
    path("phuong-an/<int:pk>/dien-tap/", views.plan_exercise, name="plan_exercise"),
]
