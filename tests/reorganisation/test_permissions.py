"""People after a merge: each role ends with exactly what the plan gave it."""

from django.contrib.auth import get_user_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.permission_policies.collections import CollectionPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from sites.reorganisation.apply import apply_plan
from sites.reorganisation.spec import parse_plan

ROLES = ("editor", "chief", "admin")


def access(username: str) -> dict:
    user = get_user_model().objects.get(username=username)
    pages = PagePermissionPolicy()
    images = CollectionPermissionPolicy(get_image_model())
    return {
        "active": user.is_active,
        "admin": user.has_perm("wagtailadmin.access_admin"),
        "groups": set(user.groups.values_list("name", flat=True)),
        "edit": set(
            pages.instances_user_has_permission_for(user, "change").values_list("pk", flat=True)
        ),
        "publish": set(
            pages.instances_user_has_permission_for(user, "publish").values_list("pk", flat=True)
        ),
        "media": set(
            images.collections_user_has_permission_for(user, "add").values_list("pk", flat=True)
        ),
    }


def subtree(page: Page) -> set[int]:
    return set(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def test_each_role_gets_what_the_plan_says(demo_world, plan_data):
    stc_root = demo_world.sites["stc"].root_page
    skhdt_root = demo_world.sites["skhdt"].root_page
    before = {f"{a}-{r}": access(f"{a}-{r}") for a in ("stc", "skhdt") for r in ROLES}
    assert before["skhdt-editor"]["edit"] == subtree(skhdt_root)
    # Everything below skhdt's sections moves to stc.
    moved = {
        pk
        for pk, depth in Page.objects.filter(path__startswith=skhdt_root.path).values_list(
            "pk", "depth"
        )
        if depth > skhdt_root.depth + 1
    }
    assert subtree(demo_world.renamed) | subtree(demo_world.about) < moved

    apply_plan(parse_plan(plan_data))
    after = {name: access(name) for name in before}

    # The target's own people: same groups and grants; their tree now holds the moved pages.
    for role in ROLES:
        name = f"stc-{role}"
        assert after[name]["groups"] == before[name]["groups"]
        assert after[name]["edit"] == before[name]["edit"] | moved
        assert after[name]["media"] == before[name]["media"]
    # Editors join as editors; chiefs join as editors (the plan): no publishing.
    for role in ("editor", "chief"):
        name = f"skhdt-{role}"
        assert after[name]["active"] and after[name]["admin"]
        assert after[name]["groups"] == before["stc-editor"]["groups"]
        assert after[name]["edit"] == after["stc-editor"]["edit"]
        assert after[name]["edit"].isdisjoint(subtree(Page.objects.get(pk=skhdt_root.pk)))
        assert after[name]["publish"] == set()
        assert after[name]["media"] == after["stc-editor"]["media"]
    # The retired admin keeps nothing, not even a login.
    retired = after["skhdt-admin"]
    assert retired == {
        "active": False,
        "admin": False,
        "groups": set(),
        "edit": set(),
        "publish": set(),
        "media": set(),
    }
    assert (
        not Collection.objects.filter(pk__in=before["skhdt-admin"]["media"])
        .filter(pk__in=retired["media"])
        .exists()
    )
    assert stc_root.pk in after["stc-admin"]["publish"]


def test_a_new_target_gets_the_people_the_plan_moves(demo_world, plan_data):
    apply_plan(parse_plan(plan_data))
    chief = access("stttt-chief")
    new_root = Page.objects.get(pk=demo_world.article.pk).get_parent().get_parent()
    assert chief["edit"] == subtree(new_root)
    assert new_root.pk in chief["publish"]
    assert access("stttt-admin")["active"] is False
    # The wards' admins join the new ward as admins (the plan's people: default, same role).
    ward_root = Site.objects.get(hostname="pmoi.bacninh.localhost").root_page
    assert access("pkinhbac-admin")["edit"] == subtree(ward_root)
    assert access("pvocuong-admin")["edit"] == subtree(ward_root)
