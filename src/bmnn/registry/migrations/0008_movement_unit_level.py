"""Copies and transfers keep the unit and level of their day (read from their register lines,
which were written with the document's unit and level on that day). The columns may be NULL so
that SQLite adds them in place: a NOT NULL column makes Django rebuild the table, which drops the
indexes the self-inspection made with plain SQL (inspection 0002)."""

import django.db.models.deletion
from django.db import migrations, models


def _fill(table: str) -> str:
    line = f"FROM registry_registerentry e WHERE e.id = {table}.entry_id"
    return (
        f"UPDATE {table} SET unit_id = (SELECT e.unit_id {line}), level = (SELECT e.level {line}) "
        "WHERE unit_id IS NULL"
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
        migrations.RunSQL(_fill("registry_copyrecord"), migrations.RunSQL.noop),
        migrations.RunSQL(_fill("registry_transfer"), migrations.RunSQL.noop),
    ]
