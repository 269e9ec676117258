from django.http import Http404
from django.shortcuts import render

from .models import FOUNDATION, Step


def method(request):
    """The whole method on one page: the foundation and the seven steps."""
    steps = list(Step.objects.with_content())
    foundation = next((s for s in steps if s.is_foundation), None)
    return render(
        request,
        "steps/method.html",
        {"foundation": foundation, "steps": [s for s in steps if not s.is_foundation]},
    )


def step(request, number: int):
    """One step, with the foundation beside it and the neighbouring steps to go to."""
    if number == FOUNDATION:
        raise Http404
    steps = {
        s.number: s for s in Step.objects.filter(number__in={FOUNDATION, number}).with_content()
    }
    if number not in steps:
        raise Http404
    numbers = list(Step.objects.numbered().values_list("number", flat=True))
    position = numbers.index(number)
    return render(
        request,
        "steps/step.html",
        {
            "step": steps[number],
            "foundation": steps.get(FOUNDATION),
            "previous_number": numbers[position - 1] if position > 0 else None,
            "next_number": numbers[position + 1] if position + 1 < len(numbers) else None,
        },
    )
