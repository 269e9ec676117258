from django.http import Http404
from django.shortcuts import render

from .models import Step


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
    try:
        step, foundation = Step.objects.get_with_foundation(number)
    except Step.DoesNotExist:
        raise Http404 from None
    numbers = list(Step.objects.numbered().values_list("number", flat=True))
    position = numbers.index(number)
    return render(
        request,
        "steps/step.html",
        {
            "step": step,
            "foundation": foundation,
            "previous_number": numbers[position - 1] if position > 0 else None,
            "next_number": numbers[position + 1] if position + 1 < len(numbers) else None,
        },
    )
