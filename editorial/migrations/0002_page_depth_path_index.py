# The admin finds pages by tree level: the first root (depth 1), the children of a page
# (depth N + 1 within its path). Without this index PostgreSQL reads the whole path index
# for the top levels (the page chooser's root: every page of every site).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('editorial', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                'CREATE INDEX IF NOT EXISTS editorial_page_depth_path '
                'ON wagtailcore_page (depth, path) INCLUDE (live)'
            ),
            reverse_sql='DROP INDEX IF EXISTS editorial_page_depth_path',
        ),
    ]
