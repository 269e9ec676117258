"""Who saw what: a resident's file's overview, and the whole log for the privacy officer."""

from django.shortcuts import render
from django.utils import timezone

from ..access import get_resident, privacy_officer_required
from ..documents import consultant_contact
from ..paging import count_up_to, page_of
from ..partials import form_status
from ..pdf import DocumentFailed, pdf_response, render_pdf
from ..views.export import csv_response
from .forms import AccessPeriodForm, LogSearchForm
from .models import Action, ObjectKind
from .selectors import (
    about_resident,
    described,
    failed_logins_per_account,
    failed_logins_per_day,
    looks_by_day,
    outside_working_hours,
)
from .services import note

PAGE = 50
# A search of the whole log pages through its newest rows up to this many (200 pages) and
# counts no further: over years the log holds millions of rows, and counting them all,
# or skipping to a page deep among them, would take seconds of the database. Older rows
# are a shorter period, a person or a resident away.
MOST_ROWS_PAGED = 10_000
# A CSV of more rows is refused with the search page, which says how to narrow it:
# writing one costs about 0.08 ms a row, so this many keep a worker about 4 seconds.
MOST_ROWS_IN_CSV = 50_000
# The resident's overview on paper: a year of an active file is a few hundred lines.
MOST_LINES_ON_PAPER = 500


def resident_access_log(request, pk):
    """/inwoners/<id>/ingezien/: who read or changed this file, newest first, for the
    resident's own consultant and their team lead (404 for everyone else)."""
    resident = get_resident(request, pk)
    form = AccessPeriodForm(request.GET or None)
    period = form.chosen()
    entries = about_resident(resident.pk, period).order_by("-at", "-id")
    page = page_of(request, entries, PAGE)
    rows = described(page)
    return render(
        request,
        "cases/logbook/resident.html",
        {"resident": resident, "form": form, "period": period, "page": page, "rows": rows},
        status=form_status(form),
    )


def resident_access_log_pdf(request, pk):
    """The same overview in plain Dutch on paper, to hand to the resident who asks."""
    resident = get_resident(request, pk)
    form = AccessPeriodForm(request.GET or None)
    period = form.chosen()
    looks = looks_by_day(about_resident(resident.pk, period).order_by("at", "id"))
    context = {
        "title": "Wie heeft je dossier ingezien?",
        "resident_name": resident.full_name,
        "first_name": resident.first_name,
        "consultant": consultant_contact(resident.consultant),
        "period": period,
        "looks": looks[:MOST_LINES_ON_PAPER],
        "left_out": max(len(looks) - MOST_LINES_ON_PAPER, 0),
        "made_on": timezone.localdate(),
    }
    try:
        pdf = render_pdf("documents/ingezien.html", context)
    except DocumentFailed:
        back = resident.get_absolute_url()
        return render(request, "documents/failed.html", {"back": back}, status=500)
    return pdf_response(pdf, f"ingezien-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.pdf")


@privacy_officer_required
def access_log(request):
    """/logboek/: the privacy officer's search of the whole municipality's log, with the
    failed logins per day and per account and the accesses outside working hours."""
    return search_page(request, LogSearchForm(request.GET or None))


def search_page(request, form, *, too_many_for_csv=False):
    """The search's page; also the answer to a CSV refused as too large, which says so
    above the same search (status 400)."""
    period = form.chosen()
    entries = form.entries()
    page = page_of(request, entries, PAGE, most=MOST_ROWS_PAGED)
    # The officer sees which fields changed, not what they hold.
    rows = described(page)
    outside_hours = count_up_to(
        outside_working_hours(entries.filter(user__isnull=False)), MOST_ROWS_PAGED
    )
    note(request, kind=ObjectKind.ACCESS_LOG, action=Action.SEARCH, count=page.paginator.count)
    return render(
        request,
        "cases/logbook/search.html",
        {
            "form": form,
            "period": period,
            "page": page,
            "rows": rows,
            "most_paged": MOST_ROWS_PAGED,
            "per_day": failed_logins_per_day(period),
            "per_account": failed_logins_per_account(period),
            "outside_hours": min(outside_hours, MOST_ROWS_PAGED),
            "more_outside_hours": outside_hours > MOST_ROWS_PAGED,
            "too_many_for_csv": too_many_for_csv,
            "most_in_csv": MOST_ROWS_IN_CSV,
        },
        status=400 if too_many_for_csv else form_status(form),
    )


@privacy_officer_required
def access_log_csv(request):
    """The search's entries as CSV (ids, no names of residents), for the officer's report."""
    form = LogSearchForm(request.GET or None)
    period = form.chosen()
    entries = form.entries()
    count = count_up_to(entries, MOST_ROWS_IN_CSV)
    if count > MOST_ROWS_IN_CSV:
        return search_page(request, form, too_many_for_csv=True)
    note(request, kind=ObjectKind.ACCESS_LOG, action=Action.EXPORT, count=count)
    response, writer = csv_response(f"logboek-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.csv")
    writer.writerow(
        [
            "tijd",
            "medewerker",
            "gebruikersnaam",
            "rol",
            "wat",
            "soort",
            "welke",
            "inwoner",
            "resultaat",
            "adres",
            "verzoek",
            "doel",
            "aantal",
            "betrokken medewerker",
        ]
    )
    # A few thousand rows in memory at a time, not the whole export.
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow(
            [
                timezone.localtime(entry.at).isoformat(timespec="seconds"),
                str(entry.user) if entry.user else "",
                entry.user.username if entry.user else "",
                entry.role,
                entry.action,
                entry.object_kind,
                entry.object_id,
                entry.resident_id or "",
                entry.result,
                entry.client,
                entry.request_id,
                entry.purpose,
                "" if entry.count is None else entry.count,
                entry.target_user.username if entry.target_user else "",
            ]
        )
    return response
