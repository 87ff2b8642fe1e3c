"""Copies, transfers and taking documents out of storage."""

from __future__ import annotations

from django.db import models

from bmnn.lib import limits
from bmnn.lib.choices import LEVEL_CHOICES
from bmnn.org.models import Delegation, Person, Unit
from bmnn.registry.models.documents import Document
from bmnn.registry.models.registers import RegisterEntry


class CopyRecord(models.Model):
    """A copy job (sao y, sao lục, trích sao, chụp) with its permit and numbered copies. `unit`,
    `level` and `copy_permitted` are the document's on the day of copying: the copy is judged by
    them (the authority to permit it, whether the original forbade copying), whatever later
    befalls the document (a change of level or marking, a merger moving it to another unit)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="copies")
    unit = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+", editable=False)
    level = models.CharField(  # noqa: DJ001 (NULL: added in place, see registry 0008)
        "độ mật khi sao", max_length=20, choices=LEVEL_CHOICES, null=True, editable=False
    )
    copy_permitted = models.BooleanField("tài liệu được phép sao khi sao", null=True, editable=False)
    form = models.CharField("hình thức", max_length=20)
    permitted_count = models.PositiveIntegerField("số bản được phép")
    made_count = models.PositiveIntegerField("số bản đã sao")
    copy_from = models.PositiveIntegerField()
    copy_to = models.PositiveIntegerField()
    permitted_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    permitted_delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    copied_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    copied_on = models.DateField()
    recipients = models.TextField("nơi nhận bản sao", blank=True, max_length=limits.NOTE)
    entry = models.OneToOneField(RegisterEntry, on_delete=models.PROTECT, related_name="copy")


class Transfer(models.Model):
    """A handover of a document to a recipient (giao nhận), with envelope and receipt. `unit` and
    `level` are the sending unit and the document's level on the day of sending (its register
    line's): the channel and the envelope are judged by that level."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="transfers")
    unit = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+", editable=False)
    level = models.CharField(  # noqa: DJ001 (NULL: added in place, see registry 0008)
        "độ mật khi chuyển", max_length=20, choices=LEVEL_CHOICES, null=True, editable=False
    )
    channel = models.CharField("hình thức chuyển", max_length=20)
    recipient_name = models.CharField("nơi nhận", max_length=255)
    recipient_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT)
    named_person = models.BooleanField(default=False)
    envelope = models.CharField("làm bì", max_length=255)
    copy_numbers = models.CharField("bản số", max_length=80, blank=True)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    received_by_name = models.CharField("người nhận", max_length=255, blank=True)
    received_on = models.DateField(null=True, blank=True)
    entry = models.OneToOneField(RegisterEntry, on_delete=models.PROTECT, related_name="transfer")

    class Meta:
        indexes = [models.Index(fields=["received_on"])]

    @property
    def is_open(self) -> bool:
        return self.received_on is None


class TakeOut(models.Model):
    """Taking a document out of storage (Điều 14 Luật 2018; Điều 5 Nghị định 26/2020)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="take_outs")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    purpose = models.TextField("mục đích", max_length=limits.NOTE)
    place = models.CharField("nơi sử dụng", max_length=255)
    abroad = models.BooleanField("mang ra nước ngoài", default=False)
    protection = models.TextField("biện pháp bảo vệ", max_length=limits.NOTE)
    permitted_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    permitted_delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    out_on = models.DateField()
    due_on = models.DateField()
    returned_on = models.DateField(null=True, blank=True)
    use_report = models.TextField("báo cáo sử dụng", blank=True, max_length=limits.NOTE)
