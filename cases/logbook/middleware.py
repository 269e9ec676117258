"""Every request gets an id, writes what it noted to the access log, and leaves one line
in the server's log for the municipality's security monitoring."""

import logging
import re
import time

from django.conf import settings

from . import services

logger = logging.getLogger("samenbeslissen.requests")

# An id the municipality's proxy gave the request, kept so its log and ours meet.
PROXY_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class AccessLogMiddleware:
    """Early in the stack (after WhiteNoise: static files are no access to anything),
    so that it sees the final status of every page, refusals included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        given = request.headers.get("X-Request-ID", "")
        if settings.TRUSTED_PROXIES and PROXY_REQUEST_ID.fullmatch(given):
            request.__dict__[services.REQUEST_ID] = given
        request_id = services.request_id(request)
        status = 500
        try:
            response = self.get_response(request)
            # Written before the response leaves: a page whose reading cannot be
            # logged is not shown (the error answers instead).
            services.flush(request, response.status_code)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            user = getattr(request, "user", None)
            line = {
                "request_id": request_id,
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "method": request.method,
                # The path without its query string: ids only, never a search term.
                "path": request.path,
                "status": status,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            }
            logger.info(" ".join(f"{k}={v}" for k, v in line.items()), extra={"request": line})
