"""The hash-chained event log. Events are only ever appended (see audit/journal.py)."""

from __future__ import annotations

from django.db import models


class EventKind(models.TextChoices):
    ACTION = "action", "Thao tác"
    REFUSAL = "refusal", "Bị từ chối theo quy định"
    READ = "read", "Xem nội dung mật"
    LOGIN = "login", "Đăng nhập"
    SYSTEM = "system", "Hệ thống"


class Event(models.Model):
    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    action = models.CharField(max_length=80)
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=255, blank=True)
    unit_id = models.BigIntegerField(null=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.BigIntegerField(null=True)
    changes = models.JSONField(default=dict)
    rulepack_version = models.CharField(max_length=40, blank=True)
    channel = models.CharField(max_length=10, blank=True, default="")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]


class ChainHead(models.Model):
    """One row: the last sequence number and hash. Locked by every append."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)
