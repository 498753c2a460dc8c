"""Abuse resistance without third-party services (docs/participation.md): a signed form
token that must be a few seconds old (bots post at once), a honeypot field, per-IP and
per-contact rate limits (the API's limiter, `api.ratelimit`) and duplicate detection."""

import hashlib
import time
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone

from api.ratelimit import retry_after

TOKEN_SALT = "participation.form"


class RateLimited(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def issue_form_token() -> str:
    """A token a form (HTML or an app's) fetches when it is shown and posts back."""
    return signing.dumps({"t": time.time()}, salt=TOKEN_SALT, compress=True)


def form_token_problem(token: str, now: float | None = None) -> str | None:
    """Why the token is refused ("invalid", "too_fast", "expired"), or None when good."""
    conf = settings.PARTICIPATION
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=conf["MAX_FORM_AGE_SECONDS"])
    except signing.SignatureExpired:
        return "expired"
    except signing.BadSignature:
        return "invalid"
    issued = data.get("t") if isinstance(data, dict) else None
    if not isinstance(issued, int | float):
        return "invalid"
    age = (now or time.time()) - issued
    if age > conf["MAX_FORM_AGE_SECONDS"]:
        return "expired"
    if age < conf["MIN_FILL_SECONDS"]:
        return "too_fast"
    return None


def normalised(text: str) -> str:
    """For comparing submissions: NFC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def contact_keys(email: str, phone: str) -> list[str]:
    """Digests of the contacts given: the rate-limit keys, never the contacts themselves."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    values = [f"e:{email.strip().lower()}" if email else "", f"p:{digits}" if digits else ""]
    return [hashlib.sha256(value.encode()).hexdigest() for value in values if value]


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(normalised(part) for part in parts).encode()).hexdigest()


def check_rate_limits(request: HttpRequest, contacts: list[str]) -> None:
    """Count this submission against its address and each of its contacts; RateLimited
    when any is over its limit (API_RATE_LIMITS participation_ip / participation_contact)."""
    waits = [retry_after(request, "participation_ip")]
    waits += [retry_after(request, "participation_contact", key=key) for key in contacts]
    waits = [wait for wait in waits if wait]
    if waits:
        raise RateLimited(max(waits))


def duplicate_since() -> "timezone.datetime":
    return timezone.now() - timedelta(hours=settings.PARTICIPATION["DUPLICATE_HOURS"])
