"""Long lists a page at a time: the team lead's residents, the handover list, the overdue
evaluations and the access log. Each keeps its sort, search and filters; the page is
`?pagina=<n>`, and a number past the last page shows the last one (saying so), anything
that is not a number from 1 on the first: never an error page."""

from django.core.paginator import Page, Paginator


def page_of(request, items, per_page: int) -> Page:
    """The page of `items` that `?pagina=` asks for, with `query`: the request's other
    parameters, for the links to the previous and next page, and `past_end`: whether a
    page past the last was asked for."""
    paginator = Paginator(items, per_page)
    asked = request.GET.get("pagina", "")
    number = int(asked) if asked.isdigit() and int(asked) > 0 else 1
    page = paginator.get_page(number)
    page.past_end = number > paginator.num_pages
    query = request.GET.copy()
    query.pop("pagina", None)
    page.query = query.urlencode()
    return page
