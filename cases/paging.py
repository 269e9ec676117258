"""Long lists a page at a time: the team lead's residents, the handover list, the overdue
evaluations and the access log. Each keeps its sort, search and filters; the page is
`?pagina=<n>`, and a number past the last page shows the last one (saying so), anything
that is not a number from 1 on the first: never an error page.

A list that grows without end (the access log: millions of rows over the years it is
kept) is counted no further than a limit, and paged only up to it: counting every row,
or skipping to a page deep in it, costs as much as reading them all."""

from functools import cached_property

from django.core.paginator import Page, Paginator


def count_up_to(items, most: int) -> int:
    """How many `items` there are, but no more than `most` + 1 (which says: more than
    `most`); the database stops reading there. The order and the related rows a page
    shows do not change a count: leaving them out lets the database take the quickest
    index to count with."""
    return items.order_by().values("pk")[: most + 1].count()


class CappedPaginator(Paginator):
    """Pages through the first `most` items only; `more` says whether there are others."""

    def __init__(self, items, per_page: int, most: int):
        super().__init__(items, per_page)
        self.most = most

    @cached_property
    def counted(self) -> int:
        return count_up_to(self.object_list, self.most)

    @property
    def count(self) -> int:
        return min(self.counted, self.most)

    @property
    def more(self) -> bool:
        return self.counted > self.most


def page_of(request, items, per_page: int, *, most: int | None = None) -> Page:
    """The page of `items` that `?pagina=` asks for, with `query`: the request's other
    parameters, for the links to the previous and next page, and `past_end`: whether a
    page past the last was asked for. With `most`, only the first `most` items are paged,
    and `paginator.more` says whether there are more."""
    paginator = (
        Paginator(items, per_page) if most is None else CappedPaginator(items, per_page, most)
    )
    asked = request.GET.get("pagina", "")
    number = int(asked) if asked.isdigit() and int(asked) > 0 else 1
    page = paginator.get_page(number)
    page.past_end = number > paginator.num_pages
    query = request.GET.copy()
    query.pop("pagina", None)
    page.query = query.urlencode()
    return page
