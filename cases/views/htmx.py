from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_partial(request: HtmxHttpRequest) -> bool:
    """An htmx request that swaps part of the page (not a boosted link or a history restore)."""
    return (
        bool(request.htmx) and not request.htmx.boosted and not request.htmx.history_restore_request
    )
