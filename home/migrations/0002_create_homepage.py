from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's stock welcome page with a HomePage, so a fresh install serves one."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    # Wagtail's welcome page from wagtailcore.0002_initial_data; deleting it cascades its Site.
    Page.objects.filter(
        depth=2, slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    ).delete()

    homepage_content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="Trang chủ",
        draft_title="Trang chủ",
        slug="home",
        content_type=homepage_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
    )
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True)


def remove_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("home.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(model="homepage", app_label="home").delete()


class Migration(migrations.Migration):
    # Before locales exist, as in Wagtail's project template: the locale migration then
    # assigns this page to the default locale.
    run_before = [("wagtailcore", "0053_locale_model")]

    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
