"""The background task; a failed attempt re-queues itself to run after the backoff."""

from django_tasks import task

from ..models import WebhookDelivery
from .delivery import attempt


@task(backend="webhooks")
def deliver_webhook(delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (
        WebhookDelivery.Status.DELIVERED,
        WebhookDelivery.Status.FAILED,
    ):
        return "skipped"
    retry_at = attempt(delivery)
    if retry_at is not None:
        deliver_webhook.using(run_after=retry_at).enqueue(delivery_id)
    return delivery.status
