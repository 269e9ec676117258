"""CSV downloads for the municipality's own reporting."""

import csv

from django.http import HttpResponse

# A spreadsheet reads a cell that starts with one of these as a formula (or a
# command, in older ones): a name typed as =HYPERLINK(…) must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TextCellsWriter:
    """csv.writer whose text cells a spreadsheet shows as text, never runs as a formula."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        self._writer.writerow([_as_text(cell) for cell in row])


def _as_text(cell):
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_response(filename: str):
    """An empty CSV download and a writer for it.

    Excel in Dutch settings reads ';' as the separator and needs the BOM to read UTF-8.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, TextCellsWriter(response, delimiter=";")
