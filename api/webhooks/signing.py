"""HMAC-SHA256 signatures of webhook bodies (header X-CMS-Signature: sha256=<hex>)."""

import hashlib
import hmac

SIGNATURE_HEADER = "X-CMS-Signature"


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def is_valid(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, body), signature)
