"""One delivery attempt, and the exponential backoff between attempts."""

import datetime
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone

from ..models import WebhookDelivery
from .signing import SIGNATURE_HEADER, sign


def backoff(attempt: int) -> datetime.timedelta:
    """Delay after the `attempt`-th failure: BASE, 2×BASE, 4×BASE … capped at MAX."""
    conf = settings.API_WEBHOOKS
    seconds = min(conf["RETRY_BASE"] * 2 ** (attempt - 1), conf["RETRY_MAX"])
    return datetime.timedelta(seconds=seconds)


def post(delivery: WebhookDelivery) -> int:
    body = json.dumps(delivery.payload, ensure_ascii=False).encode()
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-CMS-Event": delivery.event_type,
            "X-CMS-Delivery": str(delivery.event_id),
            SIGNATURE_HEADER: sign(delivery.endpoint.secret, body),
        },
    )
    with urllib.request.urlopen(request, timeout=settings.API_WEBHOOKS["TIMEOUT"]) as response:
        return response.status


def attempt(delivery: WebhookDelivery) -> datetime.datetime | None:
    """Sends once and records the outcome; returns when to retry, or None when done."""
    delivery.attempts += 1
    try:
        delivery.last_status_code = post(delivery)
        delivery.last_error = ""
    except urllib.error.HTTPError as error:
        delivery.last_status_code, delivery.last_error = error.code, str(error)
    except (OSError, ValueError) as error:
        delivery.last_status_code, delivery.last_error = None, str(error)
    if delivery.last_status_code and 200 <= delivery.last_status_code < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at, delivery.next_attempt_at = timezone.now(), None
    elif delivery.attempts >= settings.API_WEBHOOKS["MAX_ATTEMPTS"]:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, None
    else:
        delivery.status = WebhookDelivery.Status.RETRYING
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
    delivery.save()
    return delivery.next_attempt_at
