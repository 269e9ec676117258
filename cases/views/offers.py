"""/aanbod/: the trajecten and interventies the municipality can offer."""

from ..forms import SearchForm
from ..models import Offer
from ..partials import HtmxHttpRequest, form_status, render_page


def offer_list(request: HtmxHttpRequest):
    """Every role may browse and search the aanbod: it holds no case data."""
    search = SearchForm(request.GET)
    query = search.text
    kind = request.GET.get("soort", "")
    offers = Offer.objects.active()
    if query:
        offers = offers.search(query)
    if kind in Offer.Kind.values:
        offers = offers.filter(kind=kind)
    return render_page(
        request,
        "cases/offer_list.html",
        {
            "offers": offers,
            "query": query,
            "search": search,
            "kind": kind,
            "kinds": Offer.Kind.choices,
        },
        partial="results",
        status=form_status(search),
    )
