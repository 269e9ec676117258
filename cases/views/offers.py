"""/aanbod/: the trajecten and interventies the municipality can offer."""

from django.shortcuts import render

from ..models import Offer
from .htmx import HtmxHttpRequest, wants_partial


def offer_list(request: HtmxHttpRequest):
    """Every role may browse and search the aanbod: it holds no case data."""
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("soort", "")
    offers = Offer.objects.active()
    if query:
        offers = offers.search(query)
    if kind in Offer.Kind.values:
        offers = offers.filter(kind=kind)
    template = "cases/offer_list.html"
    if wants_partial(request):
        template += "#results"
    return render(
        request,
        template,
        {"offers": offers, "query": query, "kind": kind, "kinds": Offer.Kind.choices},
    )
