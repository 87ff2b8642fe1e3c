"""URL map: the web UI at /, the JSON API at /api/v1/."""

from __future__ import annotations

from django.urls import include, path

from bmnn.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("an-ninh-mang/", include("bmnn.netsec.urls")),
    path("tu-kiem-tra/", include("bmnn.inspection.urls")),
    path("", include("bmnn.web.urls")),
]

handler403 = "bmnn.web.errors.forbidden"
handler404 = "bmnn.web.errors.not_found"
handler500 = "bmnn.web.errors.server_error"
