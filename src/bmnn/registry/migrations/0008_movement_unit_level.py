"""Copies and transfers keep the unit and level of their day. For rows recorded before, the unit
is their register line's (written with the document's unit of that day) and the level is the
level the document had that day: the old level of the first level change decided after it
(`do_change_level` rewrites every line of the document to its new level, so the line alone would
give today's), else the line's. A change decided on the very day counts as before the act. The
columns may be NULL so that SQLite adds them in place: a NOT NULL column makes Django rebuild the
table, which drops the indexes the self-inspection made with plain SQL (inspection 0002)."""

import django.db.models.deletion
from django.db import migrations, models


def _fill(table: str, day: str) -> str:
    line = f"FROM registry_registerentry e WHERE e.id = {table}.entry_id"
    changed = (
        f"SELECT d.old_level FROM registry_lifedecision d WHERE d.document_id = {table}.document_id "
        f"AND d.kind = 'level_change' AND d.decided_on > {table}.{day} ORDER BY d.decided_on, d.id LIMIT 1"
    )
    return (
        f"UPDATE {table} SET unit_id = (SELECT e.unit_id {line}), "
        f"level = COALESCE(({changed}), (SELECT e.level {line})) WHERE unit_id IS NULL"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0002_clearance_decision'),
        ('registry', '0007_text_limits'),
    ]

    operations = [
        migrations.AddField(
            model_name='copyrecord',
            name='level',
            field=models.CharField(choices=[('tuyet_mat', 'Tuyệt mật'), ('toi_mat', 'Tối mật'), ('mat', 'Mật')], editable=False, max_length=20, null=True, verbose_name='độ mật khi sao'),
        ),
        migrations.AddField(
            model_name='copyrecord',
            name='unit',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.unit'),
        ),
        migrations.AddField(
            model_name='transfer',
            name='level',
            field=models.CharField(choices=[('tuyet_mat', 'Tuyệt mật'), ('toi_mat', 'Tối mật'), ('mat', 'Mật')], editable=False, max_length=20, null=True, verbose_name='độ mật khi chuyển'),
        ),
        migrations.AddField(
            model_name='transfer',
            name='unit',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.unit'),
        ),
        migrations.RunSQL(_fill("registry_copyrecord", "copied_on"), migrations.RunSQL.noop),
        migrations.RunSQL(_fill("registry_transfer", "sent_on"), migrations.RunSQL.noop),
    ]
