"""URL map: the web UI at /, the JSON API at /api/v1/."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("bmnn.web.urls")),
]
