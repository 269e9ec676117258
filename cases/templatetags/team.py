from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cases.team.selectors import overview_columns

register = template.Library()


@register.simple_tag(takes_context=True)
def overview_numbers(context, row) -> str:
    """A row of the team overview's numbers, each linked to the rows it counts: this
    consultant's, or on the team's row everyone's. Written here rather than by template
    tags per number: the overview of a team of 100 has 1,100 of them, and a loop of tags
    took 40 ms of the page's 80 ms of template. The columns are worked out once a page."""
    columns = context.render_context.get("overview_columns")
    if columns is None:
        columns = context.render_context["overview_columns"] = [
            (
                escape(column.path),
                escape(column.query),
                escape(column.what),
                ' class="overdue"' if column.bad else "",
            )
            for column in overview_columns()
        ]
    by = f"consulent={row.consultant.pk:d}&amp;" if row.consultant else ""
    cells = [
        f'<td class="number"><a href="{path}?{by}{query}"{bad}><strong>{n:d}</strong>'
        f'<span class="visually-hidden"> {what}</span></a></td>'
        if n
        else '<td class="number"><span class="muted">0</span></td>'
        for n, (path, query, what, bad) in zip(row.numbers, columns, strict=True)
    ]
    # Safe: the texts are escaped above, the numbers are integers (`:d` refuses others).
    return mark_safe("".join(cells))  # noqa: S308
