"""Step 2: the personal situation per life domain, the willen and kunnen, and "ons beeld".

The step's page is one form: every life domain and the picture are saved together,
so nothing typed in one part is lost by saving another (each part with its own
version check; one refused as a late save keeps them all as typed). The dossier's
overview edits a life domain in place with htmx: the domain's address answers an
htmx GET with the row as a form and an htmx POST with the row as saved (or the form
with its errors); without JavaScript the overview links to the step's page.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..access import get_trajectory, get_trajectory_to_change, may_change_trajectory
from ..forms import LifeDomainForm, PersonalSituationForm
from ..models import LifeDomain, PersonalSituation
from ..partials import HtmxHttpRequest, form_status, wants_partial
from ..selectors import domain_row
from ..versions import StaleEdit


@require_http_methods(["GET", "POST"])
def situation(request: HtmxHttpRequest, pk):
    """The step's page; a POST saves every part that changed, all or none."""
    if request.method == "GET":
        return _render_page(request, get_trajectory(request, pk))
    trajectory = get_trajectory_to_change(request, pk)
    stored = {d.domain: d for d in trajectory.life_domains.all()}
    # Only the parts the post carries (their version says they were on the page): a
    # part left out is not emptied.
    domain_forms = {
        key: _part_form(
            LifeDomainForm,
            request.POST,
            stored.get(key) or LifeDomain(trajectory=trajectory, domain=key),
            key,
        )
        for key in LifeDomain.Domain.values
        if f"{key}-version" in request.POST
    }
    picture_form = None
    if "beeld-version" in request.POST:
        picture_form = _part_form(
            PersonalSituationForm, request.POST, _stored_picture(trajectory), "beeld"
        )
    forms = [*domain_forms.values(), *filter(None, [picture_form])]
    if all(form.is_valid() for form in forms):
        changed = [form for form in forms if form.has_changed()]
        try:
            services.save_situation_parts(
                parts=[(form.stored, form.values(), form.seen_version) for form in changed],
                by=request.user,
            )
        except StaleEdit as stale:
            late = next(f for f in changed if _same_part(f.stored, stale.current))
            if late is picture_form:
                picture_form = late.late_save(stale.current)
            else:
                domain_forms[late.prefix] = late.late_save(stale.current)
        else:
            messages.success(request, _saved_message(changed))
            return redirect(_anchor(trajectory, request.POST.get("naar", "")))
    return _render_page(request, trajectory, domain_forms=domain_forms, picture_form=picture_form)


def _part_form(form_class, data, stored, prefix):
    """A part's form on the page: one not filled in yet may stay empty."""
    adding = stored._state.adding
    form = form_class(
        data,
        instance=stored,
        prefix=prefix,
        empty_permitted=adding,
        use_required_attribute=not adding,
    )
    form.stored = stored  # as stored when the form was opened, for the service to compare
    return form


def _same_part(part, other) -> bool:
    if isinstance(part, LifeDomain):
        return isinstance(other, LifeDomain) and other.domain == part.domain
    return isinstance(other, PersonalSituation)


def _saved_message(forms) -> str:
    if not forms:
        return _("Er was niets veranderd.")
    domains = dict(LifeDomain.Domain.choices)
    names = [str(domains.get(f.prefix, _("willen, kunnen en ons beeld"))) for f in forms]
    return _("Opgeslagen: %(parts)s.") % {"parts": ", ".join(names)}


@require_http_methods(["GET", "POST"])
def life_domain(request: HtmxHttpRequest, pk, domain: str):
    """One life domain: a row of the dossier's overview (htmx), or the step page's form."""
    if domain not in LifeDomain.Domain.values:
        raise Http404
    if request.method == "GET":
        trajectory = get_trajectory(request, pk)
        if not wants_partial(request):
            return redirect(_anchor(trajectory, f"gebied-{domain}"))
        record = _stored_domain(trajectory, domain)
        if request.GET.get("weergave") == "rij" or not may_change_trajectory(request, trajectory):
            return _render_row(request, trajectory, record, focus=True)
        form = LifeDomainForm(instance=record, prefix=domain)
        # The row turns into a form where the consultant clicked: typing can start at once.
        form.fields["situation"].widget.attrs["autofocus"] = True
        return _render_row(request, trajectory, record, form=form)

    trajectory = get_trajectory_to_change(request, pk)
    record = _stored_domain(trajectory, domain)
    form = LifeDomainForm(request.POST, instance=record, prefix=domain)
    if form.is_valid():
        try:
            saved = _save(form, record, request.user)
        except StaleEdit as stale:
            form = form.late_save(stale.current)
        else:
            if wants_partial(request):
                return _render_row(request, trajectory, saved, focus=True, saved=True)
            messages.success(
                request,
                _("%(domain)s is opgeslagen.") % {"domain": LifeDomain.Domain(domain).label},
            )
            return redirect(_anchor(trajectory, f"gebied-{domain}"))
    if wants_partial(request):
        return _render_row(request, trajectory, record, form=form)
    return _render_page(request, trajectory, domain_forms={domain: form})


def _save(form, stored, by):
    """Save what the form says into the part as it was stored when the form was opened."""
    return services.save_situation(part=stored, values=form.values(), seen=form.seen_version, by=by)


def _render_page(request, trajectory, *, domain_forms=None, picture_form=None):
    """The step 2 page; a form the user posted (`domain_forms`, `picture_form`) is shown
    as posted, and decides the page's status."""
    may_change = may_change_trajectory(request, trajectory)
    domain_forms = domain_forms or {}
    stored = {d.domain: d for d in trajectory.life_domains.select_related("updated_by")}
    domains = []
    for key, label in LifeDomain.Domain.choices:
        record = stored.get(key) or LifeDomain(trajectory=trajectory, domain=key)
        form = domain_forms.get(key)
        if form is None and may_change:
            form = LifeDomainForm(instance=record, prefix=key)
        domains.append(
            {
                "key": key,
                "label": label,
                "record": record,
                "form": form,
            }
        )
    picture = _stored_picture(trajectory, "updated_by")
    if picture_form is None and may_change:
        picture_form = PersonalSituationForm(instance=picture, prefix="beeld")
    return render(
        request,
        "cases/situation.html",
        {
            "trajectory": trajectory,
            "resident": trajectory.resident,
            "domains": domains,
            "picture": picture,
            "picture_form": picture_form,
            "may_change": may_change,
        },
        status=form_status(picture_form, *domain_forms.values()),
    )


def _render_row(request, trajectory, record, *, form=None, focus=False, **extra):
    """The dossier overview's row for one domain: as saved, or as a form (htmx only)."""
    values = None if record._state.adding else {"phase": record.phase, "wish": record.wish}
    template = "cases/resident_detail.html#" + ("domain_form" if form else "domain_row")
    return render(
        request,
        template,
        {
            "trajectory": trajectory,
            "situation_url": reverse("cases:situation", args=[trajectory.pk]),
            "row": domain_row(trajectory, record.domain, values),
            "form": form,
            "may_change": may_change_trajectory(request, trajectory),
            "focus": focus,
            **extra,
        },
        status=form_status(form),
    )


def _stored_domain(trajectory, domain) -> LifeDomain:
    """The stored row for the domain, or a new one not saved yet."""
    stored = LifeDomain.objects.filter(trajectory=trajectory, domain=domain).first()
    return stored or LifeDomain(trajectory=trajectory, domain=domain)


def _stored_picture(trajectory, *related) -> PersonalSituation:
    stored = PersonalSituation.objects.filter(trajectory=trajectory)
    stored = (stored.select_related(*related) if related else stored).first()
    return stored or PersonalSituation(trajectory=trajectory)


def _anchor(trajectory, fragment: str) -> str:
    """The step's page at a part (`gebied-<domain>` or `ons-beeld`), or at its top."""
    parts = {f"gebied-{key}" for key in LifeDomain.Domain.values} | {"ons-beeld"}
    return reverse("cases:situation", args=[trajectory.pk]) + (
        f"#{fragment}" if fragment in parts else ""
    )
