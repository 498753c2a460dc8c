"""Seeds the everyday words, abbreviations and old agency names citizens search with, and
lets the existing editorial groups pin best bets.

Groups seeded by 0002 are extended in place when an admin has not changed them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# 0002's group (as seeded) -> the phrases it now has.
EXTENDED = {
    ("CCCD", "căn cước công dân", "CMND", "chứng minh nhân dân", "căn cước"): [
        "thẻ căn cước", "làm căn cước", "CMT", "chứng minh thư", "căn cước điện tử",
    ],
    ("GPXD", "giấy phép xây dựng"): [
        "giấy phép xây nhà", "phép xây nhà", "xin phép xây dựng", "xin phép xây nhà",
    ],
    ("GCN QSDĐ", "GCNQSDĐ", "sổ đỏ", "sổ hồng", "giấy chứng nhận quyền sử dụng đất"): [
        "bìa đỏ", "làm sổ đỏ", "QSDĐ", "giấy chứng nhận quyền sử dụng đất",
    ],
    ("HKD", "hộ kinh doanh"): ["hộ kinh doanh cá thể", "kinh doanh cá thể"],
    ("ATTP", "an toàn thực phẩm"): ["vệ sinh an toàn thực phẩm", "VSATTP", "an toàn vệ sinh thực phẩm"],
    ("Sở TT&TT", "STTTT", "Sở Thông tin và Truyền thông"): [
        "Sở Khoa học và Công nghệ", "Sở KH&CN",
    ],
    ("Sở KH&ĐT", "SKHĐT", "Sở Kế hoạch và Đầu tư"): ["Sở Tài chính"],
    ("Sở GTVT", "Sở Giao thông vận tải"): ["Sở Xây dựng"],
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"): [
        "Sở TNMT", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "Sở NNPTNT",
        "Sở Nông nghiệp và Môi trường", "Sở NN&MT",
    ],
    ("GPLX", "giấy phép lái xe", "bằng lái xe", "bằng lái"): [
        "bằng lái ô tô", "bằng lái xe máy", "giấy phép lái xe ô tô",
    ],
    ("LLTP", "lý lịch tư pháp"): ["phiếu lý lịch", "lý lịch", "không tiền án", "tiền án tiền sự"],
    ("giấy khai sinh", "khai sinh"): ["làm giấy khai sinh", "làm khai sinh", "khai sinh cho con"],
    ("giấy đăng ký kết hôn", "đăng ký kết hôn"): [
        "giấy kết hôn", "cưới", "lấy vợ", "lấy chồng", "đăng ký cưới", "giấy hôn thú",
    ],
    ("hộ khẩu", "thường trú"): ["nhập hộ khẩu", "nhập khẩu", "đăng ký hộ khẩu", "sổ hộ khẩu"],
    ("lập công ty", "thành lập doanh nghiệp", "thành lập công ty"): [
        "mở công ty", "mở doanh nghiệp", "đăng ký doanh nghiệp", "đăng ký thành lập doanh nghiệp",
        "đăng ký thành lập công ty",
    ],
}  # fmt: skip

NEW = [
    # Everyday words for civil status (hộ tịch)
    ["khai tử", "báo tử", "giấy chứng tử", "làm giấy chứng tử", "người chết", "người mất"],
    ["xác nhận tình trạng hôn nhân", "xác nhận độc thân", "giấy xác nhận độc thân",
     "giấy chứng nhận độc thân", "xác nhận hôn nhân"],
    ["đăng ký lại khai sinh", "làm lại giấy khai sinh", "cấp lại giấy khai sinh",
     "mất giấy khai sinh"],
    ["trích lục hộ tịch", "bản sao giấy khai sinh", "trích lục khai sinh", "bản sao hộ tịch",
     "trích lục kết hôn"],
    ["cải chính hộ tịch", "thay đổi hộ tịch", "đổi tên", "sửa tên", "đổi họ", "cải chính",
     "sửa ngày sinh", "thay đổi họ tên"],
    ["nhận cha, mẹ, con", "nhận con", "nhận cha", "nhận mẹ", "nhận bố", "nhận cha con",
     "nhận con ngoài giá thú"],
    ["yếu tố nước ngoài", "người nước ngoài", "lấy chồng nước ngoài", "lấy vợ nước ngoài",
     "Việt kiều"],
    # Certification
    ["chứng thực bản sao", "sao y", "sao y bản chính", "công chứng bản sao",
     "công chứng giấy tờ", "photo công chứng", "công chứng"],
    ["chứng thực chữ ký", "công chứng chữ ký", "xác nhận chữ ký"],
    ["chứng thực hợp đồng", "công chứng hợp đồng", "công chứng mua bán", "hợp đồng mua bán nhà đất"],
    ["cấp bản sao từ sổ gốc", "sao lục", "bản sao sổ gốc"],
    # Land and housing
    ["sang tên", "sang tên sổ đỏ", "đăng ký biến động", "chuyển nhượng quyền sử dụng đất",
     "mua bán đất", "tặng cho đất", "sang tên nhà đất"],
    ["chuyển mục đích sử dụng đất", "lên thổ cư", "chuyển đổi mục đích sử dụng đất",
     "chuyển lên đất ở", "chuyển đất nông nghiệp sang đất ở"],
    ["cấp đổi giấy chứng nhận", "đổi sổ đỏ", "cấp đổi sổ đỏ", "đổi sổ hồng"],
    ["tranh chấp đất đai", "tranh chấp đất", "tranh chấp ranh giới", "lấn chiếm đất"],
    ["biện pháp bảo đảm", "thế chấp", "thế chấp sổ đỏ", "đăng ký thế chấp"],
    ["sửa chữa, cải tạo", "sửa nhà", "sửa chữa nhà", "cải tạo nhà", "cơi nới"],
    ["di dời", "di chuyển công trình", "dời nhà"],
    ["nhà ở riêng lẻ", "nhà dân", "nhà ở"],
    # Residence and identity
    ["tạm trú", "KT3", "sổ tạm trú", "khai báo tạm trú", "ở trọ", "thuê trọ"],
    ["hộ chiếu", "passport", "làm hộ chiếu"],
    ["đổi giấy phép lái xe", "đổi bằng lái", "đổi GPLX", "đổi bằng lái xe"],
    # Business
    ["thành lập hộ kinh doanh", "mở hộ kinh doanh", "mở cửa hàng", "mở quán",
     "đăng ký kinh doanh cá thể", "đăng ký hộ kinh doanh"],
    ["chấm dứt hoạt động hộ kinh doanh", "đóng cửa hộ kinh doanh", "dừng kinh doanh",
     "giải thể hộ kinh doanh", "nghỉ kinh doanh hẳn"],
    ["tạm ngừng kinh doanh", "tạm nghỉ kinh doanh", "tạm dừng kinh doanh", "tạm ngừng hoạt động"],
    ["giải thể doanh nghiệp", "giải thể công ty", "đóng cửa công ty", "đóng công ty"],
    ["người đại diện theo pháp luật", "đổi giám đốc", "thay giám đốc", "thay người đại diện"],
    ["DNTN", "doanh nghiệp tư nhân"],
    ["CTCP", "công ty cổ phần"],
    ["DN", "doanh nghiệp"],
    ["cty", "công ty"],
    ["một thành viên", "1 thành viên", "1TV"],
    ["hai thành viên", "2 thành viên", "2TV"],
    ["ô tô", "ôtô", "oto", "xe hơi"],
    ["bán lẻ sản phẩm rượu", "bán rượu", "giấy phép bán rượu", "kinh doanh rượu"],
    ["giấy chứng nhận đăng ký đầu tư", "giấy phép đầu tư", "IRC", "đăng ký đầu tư"],
    ["kinh doanh vận tải", "xe khách", "chạy taxi", "xe hợp đồng", "vận tải hành khách"],
    ["phù hiệu", "phù hiệu xe", "phù hiệu xe tải", "phù hiệu taxi"],
    ["karaoke", "hát karaoke", "quán karaoke", "kinh doanh karaoke"],
    # Health
    ["phòng khám", "mở phòng khám", "phòng mạch"],
    ["khám bệnh, chữa bệnh", "hành nghề y", "chứng chỉ hành nghề y", "khám chữa bệnh"],
    ["cơ sở bán lẻ thuốc", "nhà thuốc", "hiệu thuốc", "quầy thuốc", "mở nhà thuốc",
     "mở hiệu thuốc"],
    ["hành nghề dược", "chứng chỉ hành nghề dược", "dược sĩ"],
    # Work and social protection
    ["trợ cấp thất nghiệp", "bảo hiểm thất nghiệp", "BHTN", "hưởng thất nghiệp",
     "tiền thất nghiệp"],
    ["giới thiệu việc làm", "tìm việc", "tìm việc làm", "xin việc"],
    ["giấy phép lao động", "work permit", "GPLĐ", "người nước ngoài làm việc"],
    ["thi tuyển công chức", "thi công chức", "tuyển công chức", "thi viên chức"],
    ["mai táng", "tiền mai táng", "hỗ trợ mai táng", "ma chay", "chi phí mai táng", "tang lễ"],
    ["hằng tháng", "hàng tháng"],
    ["bảo trợ xã hội", "trợ cấp xã hội", "người già neo đơn", "người khuyết tật"],
    ["thờ cúng liệt sĩ", "liệt sĩ", "người có công"],
    # Education
    ["THPT", "trung học phổ thông", "cấp 3", "cấp ba"],
    ["THCS", "trung học cơ sở", "cấp 2", "cấp hai"],
    ["tuyển sinh trung học phổ thông", "thi vào lớp 10", "tuyển sinh lớp 10", "thi vào cấp 3",
     "thi lớp 10"],
    ["tốt nghiệp trung học phổ thông", "thi tốt nghiệp", "thi tốt nghiệp THPT",
     "thi tốt nghiệp cấp 3"],
    ["văn bằng", "bằng tốt nghiệp", "bằng cấp", "sao bằng"],
    ["chuyển trường", "xin chuyển trường", "chuyển trường cho con"],
    # Complaints and petitions
    ["khiếu nại", "khiếu kiện", "kiện cáo"],
    ["tố cáo", "tố giác", "tố cáo cán bộ"],
    ["xử lý đơn", "gửi đơn", "đơn thư", "nộp đơn"],
    ["tiếp công dân", "tiếp dân", "gặp lãnh đạo"],
    # Information, culture, environment, agriculture
    ["trang thông tin điện tử", "website", "trang web", "trang tin điện tử"],
    ["hoạt động in", "giấy phép in", "cơ sở in", "nhà in"],
    ["ĐTM", "đánh giá tác động môi trường", "báo cáo tác động môi trường"],
    ["GPMT", "giấy phép môi trường"],
    ["khai thác thủy sản", "đánh bắt cá", "đánh bắt", "đánh bắt thủy sản"],
    ["nuôi trồng thủy sản", "nuôi cá", "nuôi tôm", "nuôi cá lồng"],
    ["tàu cá", "thuyền đánh cá", "tàu đánh cá"],
    ["điện mặt trời mái nhà", "điện mặt trời áp mái", "pin mặt trời", "điện năng lượng mặt trời"],
    ["đập, hồ chứa", "hồ đập", "hồ chứa nước", "đập thủy lợi"],
    ["chứng chỉ hành nghề", "CCHN"],
    ["hàng hóa nguy hiểm", "hàng nguy hiểm", "chở hàng nguy hiểm"],
    # Offices and agencies, old names of merged ones
    ["trung tâm phục vụ hành chính công", "bộ phận một cửa", "một cửa", "TTPVHCC"],
    ["văn phòng đăng ký đất đai", "VPĐKĐĐ"],
    ["Sở Lao động Thương binh và Xã hội", "Sở LĐTBXH", "LĐTBXH", "Sở Lao động", "Sở Nội vụ"],
    ["Bộ Nông nghiệp và Phát triển nông thôn", "Bộ NN&PTNT", "Bộ Tài nguyên và Môi trường",
     "Bộ TN&MT", "Bộ Nông nghiệp và Môi trường"],
    ["UBND huyện", "UBND cấp huyện", "phòng tư pháp huyện", "UBND cấp xã", "UBND xã",
     "UBND phường"],
    ["công an xã", "công an phường", "công an cấp xã"],
    ["văn phòng công chứng", "phòng công chứng"],
    ["tổ chức hành nghề luật sư", "văn phòng luật sư", "công ty luật", "văn phòng luật"],
]  # fmt: skip

ROLES = ["editor", "chief", "admin"]


def _as_text(phrases) -> str:
    return "\n".join(phrases)


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("public_search", "SearchSynonym")
    for seeded, extra in EXTENDED.items():
        group = SearchSynonym.objects.filter(phrases=_as_text(seeded)).first()
        phrases = list(dict.fromkeys([*seeded, *extra]))
        if group is not None:
            group.phrases = _as_text(phrases)
            group.save(update_fields=["phrases"])
        else:
            SearchSynonym.objects.get_or_create(phrases=_as_text(phrases))
    for phrases in NEW:
        SearchSynonym.objects.get_or_create(phrases=_as_text(phrases))


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("public_search", "SearchSynonym")
    SearchSynonym.objects.filter(phrases__in=[_as_text(p) for p in NEW]).delete()
    for seeded, extra in EXTENDED.items():
        phrases = _as_text(list(dict.fromkeys([*seeded, *extra])))
        SearchSynonym.objects.filter(phrases=phrases).update(phrases=_as_text(seeded))


def grant_best_bets(apps, schema_editor):
    """Editorial groups provisioned before best bets existed get them too (provisioning
    grants them to new sites)."""
    # The permissions are otherwise made after every migration has run (post_migrate).
    app_config = apps.get_app_config("public_search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    AgencyGroup = apps.get_model("agency_sites", "AgencyGroup")
    permissions = Permission.objects.filter(
        content_type__app_label="public_search",
        codename__in=[f"{action}_bestbet" for action in ("add", "change", "delete")],
    )
    for agency_group in AgencyGroup.objects.filter(role__in=ROLES).select_related("group"):
        agency_group.group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("public_search", "0003_best_bets"),
        ("agency_sites", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(grant_best_bets, migrations.RunPython.noop),
    ]
