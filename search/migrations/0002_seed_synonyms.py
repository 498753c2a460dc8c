"""Seeds the abbreviations every Vietnamese government portal needs."""

from django.db import migrations

SEED = [
    ["UBND", "Ủy ban nhân dân"],
    ["HĐND", "Hội đồng nhân dân"],
    ["TTHC", "thủ tục hành chính"],
    ["DVC", "dịch vụ công"],
    ["DVCTT", "dịch vụ công trực tuyến"],
    ["CCCD", "căn cước công dân", "CMND", "chứng minh nhân dân", "căn cước"],
    ["GPXD", "giấy phép xây dựng"],
    [
        "GCN QSDĐ",
        "GCNQSDĐ",
        "sổ đỏ",
        "sổ hồng",
        "giấy chứng nhận quyền sử dụng đất",
    ],
    ["HKD", "hộ kinh doanh"],
    ["ĐKKD", "đăng ký kinh doanh"],
    ["BHXH", "bảo hiểm xã hội"],
    ["BHYT", "bảo hiểm y tế"],
    ["PCCC", "phòng cháy chữa cháy", "phòng cháy, chữa cháy"],
    ["ATTP", "an toàn thực phẩm"],
    ["Sở TT&TT", "STTTT", "Sở Thông tin và Truyền thông"],
    ["Sở KH&ĐT", "SKHĐT", "Sở Kế hoạch và Đầu tư"],
    ["Sở GTVT", "Sở Giao thông vận tải"],
    ["Sở TN&MT", "Sở Tài nguyên và Môi trường"],
    ["GPLX", "giấy phép lái xe", "bằng lái xe", "bằng lái"],
    ["LLTP", "lý lịch tư pháp"],
    ["TNHH", "trách nhiệm hữu hạn"],
    ["NĐ-CP", "nghị định"],
    ["QĐ", "quyết định"],
    ["giấy khai sinh", "khai sinh"],
    ["giấy đăng ký kết hôn", "đăng ký kết hôn"],
    ["hộ khẩu", "thường trú"],
    ["lập công ty", "thành lập doanh nghiệp", "thành lập công ty"],
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("public_search", "SearchSynonym")
    for phrases in SEED:
        SearchSynonym.objects.get_or_create(phrases="\n".join(phrases))


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("public_search", "SearchSynonym")
    SearchSynonym.objects.filter(phrases__in=["\n".join(p) for p in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("public_search", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
