"""The server-rendered forms: the same rules as the API, errors on the form, nothing stored."""

from datetime import timedelta

from participation.models import Comment, Question

from .conftest import EMAIL, NAME, comment_data, make_consultation, question_data

OWN = {"HTTP_HOST": "sxd.bacninh.localhost"}


def form_post(data: dict) -> dict:
    data = {**data, "consent": "on" if data.get("consent") else ""}
    return {key: value for key, value in data.items() if value is not None}


def test_the_question_form_asks_and_shows_the_code(client, world):
    page = client.get("/hoi-dap/gui-cau-hoi/", **OWN)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="form_token"' in body and 'name="website"' in body and "<div hidden" in body
    response = client.post("/hoi-dap/gui-cau-hoi/", form_post(question_data()), **OWN)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.site == world["own"].site
    status = client.get(response["Location"], **OWN)
    assert question.code in status.content.decode()
    assert "Mới" in status.content.decode()
    assert NAME not in status.content.decode() and EMAIL not in status.content.decode()


def test_a_bad_question_form_shows_the_errors_and_stores_nothing(client, world):
    data = form_post(question_data(text="ngắn", consent=False, email="", phone=""))
    response = client.post("/hoi-dap/gui-cau-hoi/", data, **OWN)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Cần đồng ý xử lý dữ liệu cá nhân" in body
    assert "Cần ít nhất một cách liên hệ" in body
    assert not Question.objects.exists()


def test_the_status_page_of_an_unknown_code(client, world):
    response = client.get("/hoi-dap/tra-cuu/", {"code": "KHONGCO"}, **OWN)
    assert response.status_code == 404
    assert "Không tìm thấy câu hỏi" in response.content.decode()


def test_commenting_on_the_page_and_after_closing(client, world):
    page = make_consultation(world["own"], opens_in=-timedelta(days=1), closes_in=timedelta(days=1))
    html = client.get(page.url, **OWN).content.decode()
    assert f"/lay-y-kien/{page.pk}/gop-y/" in html
    url = f"/lay-y-kien/{page.pk}/gop-y/"
    response = client.post(url, form_post(comment_data()), **OWN)
    assert response.status_code == 302 and response["Location"].endswith("?gop-y=ok")
    assert Comment.objects.count() == 1
    bad = client.post(url, form_post(comment_data(text="x")), **OWN)
    assert bad.status_code == 400 and Comment.objects.count() == 1
    closed = make_consultation(
        world["own"], opens_in=-timedelta(days=9), closes_in=-timedelta(days=1), title="Dự thảo cũ"
    )
    assert f"/lay-y-kien/{closed.pk}/gop-y/" not in client.get(closed.url, **OWN).content.decode()
    refused = client.post(f"/lay-y-kien/{closed.pk}/gop-y/", form_post(comment_data()), **OWN)
    assert refused.status_code == 403
    assert "Đã hết thời gian lấy ý kiến" in refused.content.decode()
    assert Comment.objects.count() == 1


def test_the_portal_form_offers_the_agencies_and_routes_to_the_chosen_one(client, world):
    portal = {"HTTP_HOST": "bacninh.localhost"}
    body = client.get("/hoi-dap/gui-cau-hoi/", **portal).content.decode()
    assert '<select name="agency"' in body and 'value="stp"' in body
    assert 'name="agency"' not in client.get("/hoi-dap/gui-cau-hoi/", **OWN).content.decode()
    response = client.post(
        "/hoi-dap/gui-cau-hoi/", form_post(question_data(agency="stp")), **portal
    )
    assert response.status_code == 302
    assert Question.objects.get().site == world["other"].site


def test_the_form_is_rate_limited_per_address(client, world, limits):
    first = client.post("/hoi-dap/gui-cau-hoi/", form_post(question_data()), **OWN)
    other = question_data(
        email="khac@example.test", phone="", text="Một câu hỏi khác hẳn về đất đai."
    )
    second = client.post("/hoi-dap/gui-cau-hoi/", form_post(other), **OWN)
    third_data = question_data(email="ba@example.test", phone="", text="Câu hỏi thứ ba về hộ tịch.")
    third = client.post("/hoi-dap/gui-cau-hoi/", form_post(third_data), **OWN)
    assert [first.status_code, second.status_code, third.status_code] == [302, 302, 429]
    assert third["Retry-After"] and "Quá nhiều lần gửi" in third.content.decode()
    assert Question.objects.count() == 2
