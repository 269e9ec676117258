"""The security log: logins, lockouts, second factors, admin changes to users and teams.

Each event goes to the Python logger `samenbeslissen.security` with structured,
non-personal fields: the acting user's id, the action, the result, the client
address and, where it applies, the id of the user acted upon. No usernames, no
passwords, no codes, nothing of a resident. The access log (its own issue) is to
hook in here: a handler on this logger, or `record()` writing its rows too.
"""

import logging

from django.conf import settings

logger = logging.getLogger("samenbeslissen.security")


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind `TRUSTED_PROXIES` proxies the address
    the nearest untrusted hop gave in X-Forwarded-For (each proxy appends the one it saw)."""
    proxies = settings.TRUSTED_PROXIES
    if proxies and (forwarded := request.META.get("HTTP_X_FORWARDED_FOR", "")):
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def record(action: str, *, request=None, result: str = "ok", user_id=None, **fields) -> None:
    """Log one security event. `fields` must hold ids and codes only, never names or text."""
    if user_id is None and request is not None:
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
    event = {
        "action": action,
        "result": result,
        "user_id": user_id,
        "client": client_address(request) if request is not None else "",
        **fields,
    }
    logger.info(
        " ".join(f"{key}={value}" for key, value in event.items()), extra={"security": event}
    )
