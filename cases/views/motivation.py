"""Step 3: drives, worries, the stage of change and the scale questions, dated;
and how the resident sat in the conversations, from their check-in and check-out."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..access import get_trajectory, may_change_trajectory, require_own_case
from ..charts import check_in_chart, scale_chart
from ..forms import MotivationForm
from ..partials import HtmxHttpRequest, form_status, wants_partial
from ..selectors import check_in_trend
from ..versions import create_once


@require_http_methods(["GET", "POST"])
def motivation(request: HtmxHttpRequest, pk):
    """The measurements so far, their change over time, and a form for a new one.

    htmx posts the form and gets the measurements back, the new one included.
    """
    trajectory = get_trajectory(request, pk)
    changeable = may_change_trajectory(request, trajectory)
    form = MotivationForm(request.POST or None) if changeable else None
    saved = False
    if request.method == "POST":
        require_own_case(request, trajectory.resident)
        if form is not None and form.is_valid():
            record = form.save(commit=False)
            record.trajectory = trajectory
            record.recorded_by = request.user
            create_once(record, form.one_time_key)  # a double click keeps one measurement
            if not wants_partial(request):
                messages.success(request, _("De meting is bewaard."))
                return redirect("cases:motivation", trajectory.pk)
            form, saved = MotivationForm(), True
    records = list(trajectory.motivation_records.select_related("recorded_by"))
    context = {
        "trajectory": trajectory,
        "resident": trajectory.resident,
        "records": list(reversed(records)),
        "chart": _scale_chart(records) if len(records) > 1 else None,
        "form": form,
        "saved": saved,
    }
    if wants_partial(request):
        return render(
            request, "cases/motivation.html#measurements", context, status=form_status(form)
        )
    conversations = check_in_trend(trajectory.resident)
    context |= {
        "conversations": conversations,
        "check_in_chart": check_in_chart(conversations) if len(conversations) > 1 else None,
    }
    return render(
        request,
        "cases/motivation.html",
        context,
        status=form_status(form),
    )


def _scale_chart(records):
    return scale_chart(
        _("Schaalvragen door de tijd"),
        _(
            "Per meting hoe belangrijk de inwoner werk of meedoen vindt en hoeveel vertrouwen "
            "hij of zij heeft dat het lukt, van 0 tot 10."
        ),
        [date_format(r.recorded_on, "j b") for r in records],
        {
            _("Belangrijk"): ("importance", [r.importance for r in records]),
            _("Vertrouwen"): ("confidence", [r.confidence for r in records]),
        },
    )
