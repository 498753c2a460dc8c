# Every API listing is scoped to a site: its pages are found by tree path (live, below the
# root). This index answers that from the index alone instead of from the page rows.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0003_site_admin_frontend_permissions'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                'CREATE INDEX IF NOT EXISTS api_page_path_live_depth '
                'ON wagtailcore_page (path) INCLUDE (id, live, depth)'
            ),
            reverse_sql='DROP INDEX IF EXISTS api_page_path_live_depth',
        ),
    ]
