"""CSV downloads for the municipality's own reporting."""

import csv

from django.http import HttpResponse


def csv_response(filename: str):
    """An empty CSV download and a writer for it.

    Excel in Dutch settings reads ';' as the separator and needs the BOM to read UTF-8.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=";")
