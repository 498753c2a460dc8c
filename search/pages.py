"""The public search page of the server-rendered front-end (/tim-kiem/).

Same parameters, query and database fallback as the search API (`/api/v2/search/`), shown
as HTML that works without JavaScript. On the portal it searches every site; on a sub-site,
that site only.
"""

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from api.ratelimit import rate_limited
from procedures.choices import Level

from . import service
from .params import ParamError, parse_params
from .responses import type_labels

FILTERS = ("type", "level")


def _type_choices() -> list[tuple[str, str]]:
    return list(type_labels().items())


def _page_links(request: HttpRequest, meta: dict) -> dict:
    """Query strings of the previous and next result pages (None at either end)."""
    last = max(1, -(-meta["total"] // meta["page_size"]))

    def link(number: int) -> str | None:
        if not 1 <= number <= last or number == meta["page"]:
            return None
        query = request.GET.copy()
        query["page"] = str(number)
        return query.urlencode()

    return {"last": last, "previous": link(meta["page"] - 1), "next": link(meta["page"] + 1)}


@require_GET
@rate_limited("search")  # the API's budget: the same query, the same cost
def search_page(request: HttpRequest) -> TemplateResponse:
    context = {
        "q": request.GET.get("q", ""),
        "selected": {name: request.GET.get(name, "") for name in FILTERS},
        "type_choices": _type_choices(),
        "level_choices": Level.choices,
    }
    status = 200
    try:
        params = parse_params(request.GET, request)
    except ParamError as error:
        context["error"] = str(error)
        status = 400
    else:
        if params.q or params.type or params.level:
            result = service.search_or_fallback(params)
            labels = dict(_type_choices())
            for item in result["items"]:
                item["type_label"] = labels.get(item["type"], "")
            context.update(result=result, pages=_page_links(request, result["meta"]))
    context["title"] = _("Tìm kiếm")
    return TemplateResponse(request, "search/search_page.html", context, status=status)
