"""Bulk provisioning gives exactly what the one-site service gives, spec by spec.

The equality test provisions the same specs both ways, each in a savepoint rolled back after
a snapshot, and compares every table whose rows changed, found generically over all models,
with ids replaced by natural keys: a new kind of row the service starts making, and the bulk
path does not, fails it.
"""

import json
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, models, transaction
from django_tasks_db.models import DBTaskResult
from wagtail.models import (
    Collection,
    GroupPagePermission,
    Locale,
    Page,
    Revision,
    Site,
    Task,
    Workflow,
    WorkflowPage,
)

from sites import bulk_provisioning
from sites.bulk_provisioning import BatchProvisioningError, SiteSpec, provision_agency_sites
from sites.models import Agency
from sites.provisioning import ProvisionResult, provision_agency_site
from tests.search.conftest import drain, search_index, session_index_prefix  # noqa: F401

from .conftest import make_portal

SPECS = [
    SiteSpec(name="Sở Y tế", slug="syt", hostname="syt.bacninh.localhost", short_name="SYT"),
    SiteSpec(
        name="Phường Suối Hoa",
        slug="psuoihoa",
        hostname="psuoihoa.bacninh.localhost",
        port=8000,
        kind="commune_ward",
        parent="portal",
    ),
    SiteSpec(name="Sở Công Thương", slug="sct", hostname="sct.bacninh.localhost"),
    SiteSpec(
        name="Xã Hòa Long",
        slug="xhoalong",
        hostname="xhoalong.bacninh.localhost",
        kind="commune_ward",
        parent="psuoihoa",  # an earlier spec of the same batch
    ),
]

# The tables the one-site service writes (measured by row counts, issue #23).
SERVICE_TABLES = {
    "agency_sites_agency", "agency_sites_agencygroup", "auth_group", "auth_group_permissions",
    "django_tasks_database_dbtaskresult", "home_homepage", "home_standardpage",
    "legaldocs_legaldocumentindexpage", "news_newsindexpage", "procedures_procedureindexpage",
    "wagtailcore_collection", "wagtailcore_groupapprovaltask",
    "wagtailcore_groupapprovaltask_groups", "wagtailcore_groupcollectionpermission",
    "wagtailcore_grouppagepermission", "wagtailcore_groupsitepermission", "wagtailcore_page",
    "wagtailcore_pagelogentry", "wagtailcore_revision", "wagtailcore_site", "wagtailcore_task",
    "wagtailcore_workflow", "wagtailcore_workflowpage", "wagtailcore_workflowtask",
    "wagtailsearch_indexentry",
}  # fmt: skip


def service_loop(specs: list[SiteSpec]) -> list[ProvisionResult]:
    results = []
    for spec in specs:
        parent = spec.parent
        if isinstance(parent, str):
            parent = Agency.objects.get(slug=parent)
        results.append(provision_agency_site(**spec.service_kwargs(parent)))
    return results


# --- Snapshots ---------------------------------------------------------------------------


def _tables() -> dict[str, type[models.Model]]:
    """Every table of an installed model, by name (a multi-table model: its own table)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy:
            tables.setdefault(meta.db_table, model)
    return tables


def table_states() -> dict[str, tuple[int, str]]:
    """Row count and a digest of the contents of every table."""
    states = {}
    with connection.cursor() as cursor:
        for table in _tables():
            name = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                f" FROM {name} t"
            )
            states[table] = cursor.fetchone()
    return states


# Generic relations as (id field, content type field), the base type first when there is one.
GENERIC_RELATIONS = [
    ("object_id", "base_content_type"),
    ("object_id", "content_type"),
    ("to_object_id", "to_content_type"),
]


class Normaliser:
    """Rows with ids replaced by natural keys of what they point at, and times and random
    UUIDs reduced to whether they are set."""

    def __init__(self):
        self._keys: dict[type, dict] = {}

    def key(self, model: type[models.Model], pk) -> object:
        """The natural key of `model`'s row `pk`."""
        if pk is None:
            return None
        model = model._meta.concrete_model
        while model._meta.parents:  # a page or task's identity is its base row
            model = next(iter(model._meta.parents))
        if model not in self._keys:
            self._keys[model] = self._load_keys(model)
        found = self._keys[model]
        return found.get(pk, found.get(str(pk), ("missing", model._meta.label, pk)))

    def _load_keys(self, model: type[models.Model]) -> dict:
        rows = model._base_manager.all()
        if model is Page or model is Collection:
            return dict(rows.values_list("pk", "path"))
        if model is ContentType:
            return {ct.pk: f"{ct.app_label}.{ct.model}" for ct in rows}
        if model is Revision:
            keys, seen = {}, Counter()
            for pk, ct, object_id in rows.order_by("created_at", "pk").values_list(
                "pk", "base_content_type", "object_id"
            ):
                target = self.generic(ct, object_id)
                keys[pk] = ("revision", target, seen[target])
                seen[target] += 1
            return keys
        for unique in ("slug", "name", "hostname", "language_code", "username", "codename"):
            if unique in {field.name for field in model._meta.concrete_fields}:
                break
        else:
            unique = None
        if model is Site:
            return {s.pk: f"{s.hostname}:{s.port}" for s in rows}
        if model._meta.label == "auth.Permission":
            return {
                pk: f"{app}.{codename}"
                for pk, app, codename in rows.values_list(
                    "pk", "content_type__app_label", "codename"
                )
            }
        if unique:
            return dict(rows.values_list("pk", unique))
        return {obj.pk: (model._meta.label, self.plain(obj)) for obj in rows}

    def generic(self, content_type_id, object_id) -> object:
        if content_type_id is None:
            return None
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        pk = model._meta.pk.to_python(object_id) if object_id not in (None, "") else None
        return self.key(model, pk)

    def value(self, field: models.Field, value) -> object:
        if field.is_relation and field.related_model is not None:
            return self.key(field.related_model, value)
        if isinstance(field, (models.DateTimeField, models.DateField, models.UUIDField)):
            return "set" if value is not None else None
        return value

    def plain(self, obj: models.Model) -> tuple:
        """A row of a model without natural key: its own non-relational values."""
        return tuple(
            self.value(field, getattr(obj, field.attname))
            for field in obj._meta.concrete_fields
            if not field.primary_key and not field.is_relation
        )

    def content(self, model: type[models.Model], data):
        """A revision's content: the page's fields, ids by natural key, children likewise."""
        if not isinstance(data, dict):
            return data
        fields = {field.name: field for field in model._meta.get_fields()}
        result = {}
        for name, value in data.items():
            field = fields.get(name)
            if name == "pk":
                result[name] = self.key(model, value)
            elif field is not None and field.one_to_many and isinstance(value, list):
                result[name] = [self.content(field.related_model, child) for child in value]
            elif field is not None and field.concrete:
                result[name] = self.value(field, value)
            else:
                result[name] = value
        return result

    def rows(self, table: str, model: type[models.Model]) -> Counter:
        meta = model._meta
        fields = list(meta.local_concrete_fields)
        names = {field.name: field for field in fields}
        normalised = []
        for row in model._base_manager.all().values_list(*(f.attname for f in fields)):
            values = dict(zip((f.attname for f in fields), row, strict=True))
            out = {}
            for field in fields:
                if field.primary_key and not field.is_relation:
                    continue
                out[field.name] = self.value(field, values[field.attname])
            done = set()
            for id_field, type_field in GENERIC_RELATIONS:
                # (content type, object id) → the object's key.
                if id_field in names and type_field in names and id_field not in done:
                    out[id_field] = self.generic(
                        values[names[type_field].attname], values[id_field]
                    )
                    done.add(id_field)
            if model is Revision:
                page_model = ContentType.objects.get_for_id(values["content_type_id"]).model_class()
                out["content"] = self.content(page_model, values["content"])
            if model is DBTaskResult:
                # Enqueued once per page here, more than once by the service: the set of
                # (task, its arguments as natural keys) is what must agree.
                args = values["args_kwargs"]["args"]
                if values["task_path"] == "search.tasks.sync_page":
                    args = [self.key(Page, args[0]), *args[1:]]
                out = {"task": values["task_path"], "args": args, "status": values["status"]}
            normalised.append(json.dumps(out, sort_keys=True, default=str, ensure_ascii=False))
        if model is DBTaskResult:
            normalised = sorted(set(normalised))
        return Counter(normalised)


def provision_and_snapshot(provision) -> tuple[set[str], dict[str, Counter]]:
    """Run `provision` in a savepoint, snapshot every table it changed, roll it back."""
    before = table_states()
    with transaction.atomic():
        provision()
        after = table_states()
        changed = {table for table, state in after.items() if state != before[table]}
        tables = _tables()
        normaliser = Normaliser()
        snapshot = {table: normaliser.rows(table, tables[table]) for table in sorted(changed)}
        transaction.set_rollback(True)
    assert table_states() == before
    return changed, snapshot


def assert_same(expected: dict[str, Counter], actual: dict[str, Counter]) -> None:
    assert sorted(actual) == sorted(expected), "different tables changed"
    for table in expected:
        missing = expected[table] - actual[table]
        extra = actual[table] - expected[table]
        assert not missing and not extra, (
            f"{table}: rows only from the service {sorted(missing)[:3]}, "
            f"only from the bulk path {sorted(extra)[:3]}"
        )


@pytest.fixture
def portal(db):
    return make_portal()


# --- Equality ----------------------------------------------------------------------------


def test_bulk_gives_exactly_what_the_service_gives_one_by_one(portal):
    results = {}
    service_tables, expected = provision_and_snapshot(
        lambda: results.setdefault("service", service_loop(SPECS))
    )
    assert service_tables >= SERVICE_TABLES
    bulk_tables, actual = provision_and_snapshot(
        lambda: results.setdefault("bulk", provision_agency_sites(SPECS))
    )
    assert bulk_tables == service_tables
    assert_same(expected, actual)
    assert [result.created for result in results["bulk"]] == [
        result.created for result in results["service"]
    ]


def test_the_equality_check_catches_a_missing_permission(portal, monkeypatch):
    """The comparison has teeth: one permission fewer in the bulk path fails it."""
    _tables, expected = provision_and_snapshot(lambda: service_loop(SPECS))
    original = bulk_provisioning.batch.role_grants

    def one_fewer(role, kind):
        grants = original(role, kind)
        return type(grants)(grants.page[1:], grants.collection, grants.site, grants.model)

    monkeypatch.setattr(bulk_provisioning.batch, "role_grants", one_fewer)
    _tables, actual = provision_and_snapshot(lambda: provision_agency_sites(SPECS))
    with pytest.raises(AssertionError, match="wagtailcore_grouppagepermission"):
        assert_same(expected, actual)


def test_mixed_batches_keep_the_order_of_the_specs(db):
    """The default site and an existing agency go through the service; new ones in bulk,
    in batches of 2: the tree is still the one the service makes one by one."""
    specs = [
        SiteSpec(name="Sở Nội vụ", slug="snv", hostname="snv.bacninh.localhost"),
        SiteSpec(
            name="Cổng thông tin điện tử tỉnh Bắc Ninh",
            slug="portal",
            hostname="bacninh.localhost",
            kind="portal",
            is_default=True,
        ),
        *SPECS,
    ]

    existing = SiteSpec(name="Sở Tư pháp", slug="stp", hostname="stp.bacninh.localhost")

    def existing_then(provision):
        def run():
            provision_agency_site(name="Sở Tư pháp", slug="stp", hostname="stp.bacninh.localhost")
            provision([*specs, existing])

        return run

    _tables, expected = provision_and_snapshot(existing_then(service_loop))
    _tables, actual = provision_and_snapshot(
        existing_then(lambda s: provision_agency_sites(s, batch_size=2))
    )
    assert_same(expected, actual)


# --- Validation, idempotence, completion ------------------------------------------------


@pytest.mark.parametrize(
    ("specs", "row", "field", "reason"),
    [
        (
            [SPECS[0], SiteSpec(name="Sở Y tế 2", slug="syt", hostname="syt2.bacninh.localhost")],
            2,
            "slug",
            "Trùng mã định danh với dòng 1",
        ),
        (
            [SPECS[0], SiteSpec(name="Sở Mới", slug="smoi", hostname="syt.bacninh.localhost")],
            2,
            "hostname",
            "Trùng tên miền syt.bacninh.localhost:80 với dòng 1",
        ),
        (
            [SPECS[0], SiteSpec(name="Sở Mới", slug="smoi", hostname="bacninh.localhost")],
            2,
            "hostname",
            "đã thuộc về một trang khác",
        ),
        (
            [SiteSpec(name="Sở Mới", slug="s moi", hostname="smoi.bacninh.localhost")],
            1,
            "slug",
            "Chỉ dùng chữ không dấu",
        ),
        (
            [SiteSpec(name="Xã Mới", slug="xmoi", hostname="x.localhost", parent="khong-co")],
            1,
            "parent",
            "Không có cơ quan với mã 'khong-co'",
        ),
        (
            [SiteSpec(name="Sở Mới", slug="smoi", hostname="smoi.localhost", port=0)],
            1,
            "port",
            "Cổng phải từ 1 đến 65535",
        ),
    ],
)
def test_invalid_or_conflicting_specs_write_nothing(portal, specs, row, field, reason):
    before = table_states()
    with pytest.raises(BatchProvisioningError) as raised:
        provision_agency_sites(specs)
    assert f"row {row}, field {field}: " in str(raised.value)
    assert reason in str(raised.value)
    assert (raised.value.errors[0].row, raised.value.errors[0].field) == (row, field)
    assert table_states() == before


def test_a_failure_in_a_later_batch_leaves_nothing_behind(portal, monkeypatch):
    before = table_states()
    calls = []
    original = bulk_provisioning.service._create_batch

    def fail_second(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("injected failure")
        return original(*args)

    monkeypatch.setattr(bulk_provisioning.service, "_create_batch", fail_second)
    with pytest.raises(RuntimeError, match="injected failure"):
        provision_agency_sites(SPECS, batch_size=2)
    assert table_states() == before


def identity(result: ProvisionResult) -> tuple:
    return (
        result.agency.pk,
        result.site.pk,
        {role: group.pk for role, group in result.groups.items()},
        result.collection.pk,
        result.workflow.pk,
    )


def test_running_the_same_specs_again_changes_nothing(portal, django_assert_max_num_queries):
    first = provision_agency_sites(SPECS)
    assert all(result.changed for result in first)
    before = table_states()
    # Complete agencies are recognised in a few queries, not sent through the service.
    with django_assert_max_num_queries(30):
        again = provision_agency_sites(SPECS)
    assert not any(result.changed for result in again)
    assert [identity(result) for result in again] == [identity(result) for result in first]
    assert [identity(result) for result in service_loop(SPECS)] == [
        identity(result) for result in first
    ]
    assert table_states() == before


def test_a_partially_set_up_agency_is_completed(portal):
    partial = provision_agency_site(name="Sở Y tế", slug="syt", hostname="syt.bacninh.localhost")
    WorkflowPage.objects.filter(page=partial.site.root_page).delete()
    GroupPagePermission.objects.filter(group=partial.groups["editor"]).delete()
    results = provision_agency_sites(SPECS)
    assert "workflow" in results[0].created
    assert "page-permission:editor:add_page" in results[0].created
    assert results[0].site.root_page.get_workflow() == results[0].workflow
    assert all(result.changed for result in results[1:])
    # The same as provisioned whole: a second run has nothing left to do.
    assert not any(result.changed for result in provision_agency_sites(SPECS))


def test_results_describe_the_new_sites(portal):
    results = provision_agency_sites(SPECS)
    ward = results[3]
    assert ward.agency.parent == results[1].agency
    assert Agency.objects.get(slug="xhoalong").parent.slug == "psuoihoa"
    assert ward.site == Site.objects.get(hostname="xhoalong.bacninh.localhost")
    assert ward.workflow == Workflow.objects.get(name="Duyệt bài – Xã Hòa Long")
    assert Task.objects.get(name="Duyệt bài – Xã Hòa Long").specific.groups.count() == 2
    assert {group.name for group in ward.groups.values()} == set(
        Group.objects.filter(agency_role__agency__slug="xhoalong").values_list("name", flat=True)
    )
    assert {child.name for child in ward.collection.get_children()} == {"Hình ảnh", "Tài liệu"}
    assert Page.find_problems() == ([], [], [], [], [])
    assert Collection.find_problems() == ([], [], [], [], [])
    assert Locale.objects.count() == 1


# --- Served and searchable ---------------------------------------------------------------


def test_new_sites_are_served_and_searchable_at_once(
    portal,
    client,
    search_index,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        provision_agency_sites(SPECS)
    queued = {
        task.args_kwargs["args"][0]
        for task in DBTaskResult.objects.filter(task_path="search.tasks.sync_page")
    }
    new_pages = set(
        Page.objects.filter(depth__gte=2)
        .exclude(url_path__startswith="/portal/")
        .values_list("pk", flat=True)
    )
    assert new_pages <= queued

    home = client.get(
        "/api/v2/pages/", {"type": "home.HomePage"}, HTTP_HOST="sct.bacninh.localhost"
    )
    assert home.status_code == 200
    assert [item["title"] for item in home.json()["items"]] == ["Sở Công Thương"]
    page = client.get("/", HTTP_HOST="psuoihoa.bacninh.localhost", SERVER_PORT="8000")
    assert page.status_code == 200
    assert "Phường Suối Hoa" in page.content.decode()

    drain()
    # Of the provisioned pages only the "Giới thiệu" page is of a searchable type.
    found = client.get("/api/v2/search/", {"q": "gioi thieu"}, HTTP_HOST="sct.bacninh.localhost")
    assert found.status_code == 200
    assert [item["title"] for item in found.json()["items"]] == ["Giới thiệu"]


# --- The command -------------------------------------------------------------------------


CSV = """name,slug,hostname,port,kind,short_name,parent_slug,is_default
Sở Y tế,syt,syt.bacninh.localhost,80,department,SYT,,
Phường Suối Hoa,psuoihoa,psuoihoa.bacninh.localhost,8000,commune_ward,,portal,
Xã Hòa Long,xhoalong,xhoalong.bacninh.localhost,,commune_ward,,psuoihoa,false
"""


def test_command_provisions_a_csv_file_and_reports(portal, tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(CSV, encoding="utf-8")
    out = StringIO()
    call_command("provision_sites", str(path), stdout=out)
    assert "Đã tạo/hoàn thiện 3 trang, 0 trang đã đầy đủ" in out.getvalue()
    assert "giây" in out.getvalue()
    assert Agency.objects.get(slug="xhoalong").parent.slug == "psuoihoa"
    assert Site.objects.get(hostname="psuoihoa.bacninh.localhost").port == 8000
    out = StringIO()
    call_command("provision_sites", str(path), stdout=out)
    assert "Đã tạo/hoàn thiện 0 trang, 3 trang đã đầy đủ" in out.getvalue()


def test_command_reads_json(portal, tmp_path):
    path = tmp_path / "sites.json"
    rows = [
        {"name": "Sở Y tế", "slug": "syt", "hostname": "syt.bacninh.localhost"},
        {"name": "Xã Hòa Long", "slug": "xhoalong", "hostname": "x.localhost", "port": 8000,
         "kind": "commune_ward", "parent_slug": "syt"},
    ]  # fmt: skip
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    call_command("provision_sites", str(path), stdout=StringIO())
    assert Agency.objects.get(slug="xhoalong").parent.slug == "syt"


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ("Sở Mới,smoi,smoi.bacninh.localhost,abc,department,,,", "row 4, field port:"),
        ("Sở Trùng,syt,khac.bacninh.localhost,80,department,,,", "row 4, field slug:"),
        ("Sở Mới,smoi,bacninh.localhost,80,department,,,", "row 4, field hostname:"),
    ],
)
def test_command_with_a_bad_row_writes_nothing_and_names_it(portal, tmp_path, bad_row, expected):
    path = tmp_path / "sites.csv"
    path.write_text(CSV + bad_row + "\n", encoding="utf-8")
    before = table_states()
    with pytest.raises(CommandError) as raised:
        call_command("provision_sites", str(path), stdout=StringIO())
    assert expected in str(raised.value)
    assert table_states() == before
