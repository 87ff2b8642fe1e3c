# A package replaces the rows its units sent earlier for the period (bmnn.reports.actions.
# do_import_report_package): without this index each import read every row of the period, so
# importing a period's packages grew with the square of their number.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("summaries", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="findingrow",
            index=models.Index(fields=["period", "unit_code"], name="summaries_period_unit"),
        ),
    ]
