"""The citizens' endpoints (docs/participation.md): the form token, a question and its
status, a comment on a draft. The only operations that take a body."""

from django.utils.translation import gettext as _

from participation.choices import QuestionStatus

from .components import obj
from .parameters import ONE_SITE

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
NOT_STORED = {"Cache-Control": {"schema": STRING, "description": "no-store"}}
CITIZEN = {
    "name": {**STRING, "maxLength": 100},
    "email": {**STRING, "description": "Thư điện tử; cần thư điện tử hoặc điện thoại."},
    "phone": {**STRING, "maxLength": 20},
    "consent": {"type": "boolean", "description": "Đồng ý xử lý dữ liệu cá nhân (bắt buộc)."},
    "website": {**STRING, "description": "Ô bẫy: phải để trống."},
    "form_token": {**STRING, "description": "Từ GET /api/v2/participation/token/."},
}
QUESTION_FIELDS = {
    **CITIZEN,
    "topic": {**STRING, "maxLength": 200},
    "text": {**STRING, "minLength": 20, "maxLength": 5000},
    "sector": {**STRING, "description": "Mã (slug) lĩnh vực."},
    "agency": {**STRING, "description": "Chỉ trên cổng tỉnh: mã cơ quan nhận câu hỏi."},
}
COMMENT_FIELDS = {
    **CITIZEN,
    "organisation": {**STRING, "maxLength": 255},
    "question": {"type": "integer", "description": "Id một nội dung xin ý kiến của dự thảo."},
    "text": {**STRING, "minLength": 10, "maxLength": 10000},
}
REPLY_FIELDS = {
    "text": {**STRING, "minLength": 10, "maxLength": 5000},
    "website": CITIZEN["website"],
    "form_token": CITIZEN["form_token"],
}
REQUIRED = ["name", "consent", "form_token"]

SCHEMAS = {
    "FormToken": obj({"form_token": STRING}, ["form_token"]),
    "ValidationError": obj(
        {
            "message": STRING,
            "errors": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": STRING},
                "description": "Trường → các thông báo lỗi.",
            },
        },
        ["message"],
    ),
    "Duplicate": obj({"message": STRING, "code": STRING}, ["message"]),
    "WindowClosed": obj(
        {"message": STRING, "window": {"enum": ["upcoming", "closed"]}}, ["message", "window"]
    ),
    "QuestionStatus": obj(
        {
            "message": STRING,
            "code": STRING,
            "status": {"enum": list(QuestionStatus.values)},
            "status_label": STRING,
            "agency": STRING,
            "submitted_at": {**STRING, "format": "date-time"},
            "answered_at": {"type": ["string", "null"], "format": "date-time"},
            "answer": NULLABLE_STRING,
            "info_requested": NULLABLE_STRING,
            "close_reason": NULLABLE_STRING,
            "qa_page_id": {"type": ["integer", "null"]},
        },
        ["code", "status", "status_label", "agency", "submitted_at"],
    ),
    "CommentReceived": obj(
        {"message": STRING, "id": {"type": "integer"}, "status": {"enum": ["pending"]}},
        ["message", "id", "status"],
    ),
}


def _body(fields: dict, required: list[str], files: bool) -> dict:
    schema = obj(fields, required)
    content = {"application/json": {"schema": schema}}
    form = obj(
        {**fields, "attachment": {**STRING, "format": "binary"}} if files else fields, required
    )
    content["multipart/form-data"] = {"schema": form}
    if not files:
        content["application/x-www-form-urlencoded"] = {"schema": form}
    return {"required": True, "content": content}


def participation_paths(ok, too_many: dict) -> dict:
    def post(summary: str, params: list, body: dict, created: str, **responses) -> dict:
        return {
            "post": {
                "summary": summary,
                "tags": ["participation"],
                "parameters": params,
                "requestBody": body,
                "responses": {
                    "201": ok(created, _("Đã tiếp nhận")),
                    "400": ok("ValidationError", _("Thông tin chưa hợp lệ; không lưu gì")),
                    "404": ok("Error", _("Không tìm thấy")),
                    "409": ok("Duplicate", _("Đã gửi nội dung này")),
                    "415": ok("Error", _("Chỉ nhận JSON hoặc form")),
                    "429": too_many,
                    **responses,
                },
            }
        }

    comment_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    code = {"name": "code", "in": "path", "required": True, "schema": STRING}
    return {
        "/api/v2/participation/token/": {
            "get": {
                "summary": _("Mã biểu mẫu (gửi kèm câu hỏi, góp ý)"),
                "tags": ["participation"],
                "parameters": [],
                "responses": {
                    "200": {**ok("FormToken"), "headers": NOT_STORED},
                    "400": ok("Error", _("Tham số không hợp lệ")),
                },
            }
        },
        "/api/v2/questions/": post(
            _("Gửi câu hỏi tới cơ quan (theo Host hoặc site=)"),
            [ONE_SITE],
            _body(QUESTION_FIELDS, [*REQUIRED, "topic", "text"], files=True),
            "QuestionStatus",
        ),
        "/api/v2/questions/{code}/": {
            "get": {
                "summary": _("Tình trạng câu hỏi theo mã theo dõi (không có dữ liệu cá nhân)"),
                "tags": ["participation"],
                "parameters": [code],
                "responses": {
                    "200": {**ok("QuestionStatus"), "headers": NOT_STORED},
                    "400": ok("Error", _("Tham số không hợp lệ")),
                    "404": ok("Error", _("Không tìm thấy")),
                    "429": too_many,
                },
            }
        },
        "/api/v2/questions/{code}/reply/": {
            "post": {
                "summary": _("Bổ sung thông tin khi cơ quan đề nghị (theo mã theo dõi)"),
                "tags": ["participation"],
                "parameters": [code],
                "requestBody": _body(REPLY_FIELDS, ["text", "form_token"], files=False),
                "responses": {
                    "200": {**ok("QuestionStatus"), "headers": NOT_STORED},
                    "400": ok("ValidationError", _("Thông tin chưa hợp lệ; không lưu gì")),
                    "404": ok("Error", _("Không tìm thấy")),
                    "409": ok("Error", _("Cơ quan không chờ bổ sung thông tin")),
                    "415": ok("Error", _("Chỉ nhận JSON hoặc form")),
                    "429": too_many,
                },
            }
        },
        "/api/v2/consultations/{id}/comments/": post(
            _("Góp ý dự thảo trong thời gian lấy ý kiến"),
            [comment_id],
            _body(COMMENT_FIELDS, [*REQUIRED, "text"], files=False),
            "CommentReceived",
            **{"403": ok("WindowClosed", _("Chưa mở hoặc đã hết thời gian lấy ý kiến"))},
        ),
    }
