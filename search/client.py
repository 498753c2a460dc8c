"""The one place that builds the Elasticsearch client and names indices.

Readiness is checked with `/_cluster/health`: the integ-test distribution has no `GET /`,
so `ping()` and `info()` fail there even on a healthy node.
"""

from functools import cache

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.serializer import OrjsonSerializer


@cache
def get_client() -> Elasticsearch:
    conf = settings.ELASTICSEARCH
    options: dict = {"request_timeout": conf["TIMEOUT"]}
    if conf.get("API_KEY"):
        options["api_key"] = conf["API_KEY"]
    elif conf.get("USERNAME"):
        options["basic_auth"] = (conf["USERNAME"], conf.get("PASSWORD") or "")
    if conf.get("CA_CERTS"):
        options["ca_certs"] = conf["CA_CERTS"]
    # Several nodes, comma-separated: the client spreads requests and retries another node
    # when one is down (a 3-node cluster without a load balancer in front).
    hosts = [url.strip() for url in conf["URL"].split(",") if url.strip()]
    # orjson: a rebuild serialises every document and a search parses every hit's _source;
    # the standard library's json was a twentieth of a rebuild's Python time.
    return Elasticsearch(hosts, serializer=OrjsonSerializer(), **options)


def index_name(name: str) -> str:
    """The environment-prefixed name of an index or alias, e.g. `cms-dev-content`."""
    return f"{settings.ELASTICSEARCH['INDEX_PREFIX']}-{name}"


def cluster_health(timeout: str = "5s", client: Elasticsearch | None = None) -> dict:
    """The cluster's health, waiting up to `timeout` for at least yellow.

    Raises `elasticsearch.ConnectionError` (or another `elastic_transport` error) when the
    cluster cannot be reached.
    """
    client = client or get_client()
    return client.cluster.health(wait_for_status="yellow", timeout=timeout).body


def is_available() -> bool:
    """True when the cluster answers and is at least yellow, within about 3 s (readiness
    probes call it: a hung node must not hang the probe). A refused connection still moves
    on to the next node; a timeout is not retried."""
    quick = get_client().options(request_timeout=3)
    try:
        health = cluster_health(timeout="2s", client=quick)
    except (ApiError, TransportError):
        return False
    return not health.get("timed_out") and health.get("status") in {"yellow", "green"}
