from django import template
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cases.team.selectors import overview_columns
from cases.templatetags.casework import date_name

register = template.Library()


@register.simple_tag(takes_context=True)
def overview_numbers(context, row) -> str:
    """A row of the team overview's numbers, each linked to the rows it counts: this
    consultant's, or on the team's row everyone's, and the day of the last conversation.
    Written here rather than by template tags per number: the overview of a team of 100
    has 1,100 of them, and a loop of tags took 40 ms of the page's 80 ms of template. The
    columns and each day's name are worked out once a page."""
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
    cells.append(f"<td>{_day(context, row.last_conversation)}</td>")
    # Safe: the texts are escaped above, the numbers are integers (`:d` refuses others).
    return mark_safe("".join(cells))  # noqa: S308


def _day(context, moment) -> str:
    """ "7 dec 2026", the local day of `moment`, or "—" without one."""
    if moment is None:
        return "—"
    return date_name(context, timezone.localdate(moment), "j b Y")


# The core points' tables (/team/kernpunten/): a row per consultant of the team for each
# of the three points, a row per month for each and for the check-ins. Written here for
# the same reason as the overview's numbers: as template loops, the 300 consultants' rows
# and 240 months' rows of a team of 100 over five years took 50 of the page's 60 ms.


@register.simple_tag
def share_rows(rows, list_url: str, period: str) -> str:
    """Per (consultant, Share or None): name, yes, total, and the share linked to the
    rows behind it."""
    query = escape(f"{list_url}?{period}&consulent=")
    html = []
    for consultant, share in rows:
        yes, total = (share.yes, share.total) if share else (0, 0)
        linked = f'<a href="{query}{consultant.pk:d}">{share.percentage:d}%</a>' if total else "—"
        html.append(
            f'<tr><th scope="row">{escape(consultant)}</th><td class="number">{yes:d}</td>'
            f'<td class="number">{total:d}</td><td class="number">{linked}</td></tr>'
        )
    return mark_safe("".join(html))  # noqa: S308 - names and addresses escaped, integers `:d`


@register.simple_tag(takes_context=True)
def month_share_rows(context, months) -> str:
    """Per (month, Share): the month, yes, total and the percentage."""
    return mark_safe(  # noqa: S308 - the month's name escaped, integers `:d`
        "".join(
            f'<tr><th scope="row">{_month(context, month)}</th><td class="number">{share.yes:d}'
            f'</td><td class="number">{share.total:d}</td>'
            f'<td class="number">{share.percentage:d}</td></tr>'
            for month, share in months
        )
    )


@register.simple_tag(takes_context=True)
def check_in_rows(context, check_ins) -> str:
    """Per CheckInMonth: the month, its conversations with a number and both averages."""
    return mark_safe(  # noqa: S308 - the month's name escaped, integers `:d`, floatformat's own
        "".join(
            f'<tr><th scope="row">{_month(context, m.month)}</th>'
            f'<td class="number">{m.conversations:d}</td>'
            f'<td class="number">{_average(m.check_in)}</td>'
            f'<td class="number">{_average(m.check_out)}</td></tr>'
            for m in check_ins
        )
    )


def _month(context, month) -> str:
    """ "december 2026", worked out once a page for each month (four tables show it)."""
    return date_name(context, month, "F Y")


def _average(value) -> str:
    return "—" if value is None else floatformat(value, 1)
