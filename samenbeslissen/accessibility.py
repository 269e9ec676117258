"""The accessibility statement (toegankelijkheidsverklaring) a Dutch government body must
publish for each website and web application, internal ones included (Besluit digitale
toegankelijkheid overheid). It is kept with the code, in the form of the government's model,
and says which checks the test suite runs: tests/test_accessibility_statement.py fails when
the checks change and the statement does not."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def statement(request):
    return render(request, "accessibility_statement.html")
