"""Catalog items (mục danh mục BMNN), cited by id as the basis of a proposal."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from bmnn.api.auth import account_of
from bmnn.api.common import responses
from bmnn.api.inputs import CatalogQuery
from bmnn.api.permissions import document_user
from bmnn.api.schemas import CatalogItemOut
from bmnn.catalog.models import CatalogItem
from bmnn.lib.text import fold

router = Router(tags=["Danh mục BMNN"])


@router.get("/catalog/items", response=responses(200, list[CatalogItemOut]),
            summary="Tìm mục danh mục BMNN")
def catalog_items(request: HttpRequest, query: Query[CatalogQuery]) -> Any:
    """Items of the catalogs in force whose text contains `q` ("de thi" finds "Đề thi")."""
    document_user(account_of(request))
    items = CatalogItem.objects.filter(catalog__active=True).select_related("catalog")
    if query.q.strip():
        items = items.filter(Q(search_text__contains=fold(query.q)) | Q(text__icontains=query.q))
    return list(items.order_by("catalog__decision_number", "article", "clause", "point")[: query.limit])
