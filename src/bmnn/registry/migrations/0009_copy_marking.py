"""A copy keeps whether its original allowed copying on the day it was made (filled from the
document: the marking known today). NULL for the same reason as registry 0008."""

from django.db import migrations, models

FILL = (
    "UPDATE registry_copyrecord SET copy_permitted = (SELECT d.copy_permitted FROM registry_document d "
    "WHERE d.id = registry_copyrecord.document_id)"
)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0008_movement_unit_level'),
    ]

    operations = [
        migrations.AddField(
            model_name='copyrecord',
            name='copy_permitted',
            field=models.BooleanField(editable=False, null=True, verbose_name='tài liệu được phép sao khi sao'),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
