from datetime import datetime
from uuid import UUID

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.addresses import address as filled_in_address
from cases.addresses import addresser
from cases.models import Trajectory

register = template.Library()


@register.simple_tag
def address(viewname, *args) -> str:
    """{% url %} for the rows of long lists: the same address, made without a reverse()
    per row (cases/addresses.py)."""
    return filled_in_address(viewname, *args)


@register.filter
def ago(moment) -> str:
    """How long ago, as a consultant says it: today, yesterday, 5 days, 3 weeks."""
    return days_ago((timezone.localdate() - timezone.localtime(moment).date()).days)


def days_ago(days: int) -> str:
    """ago() of a moment `days` days before today."""
    if days <= 0:
        return _("vandaag")
    if days == 1:
        return _("gisteren")
    if days < 14:
        return ngettext("%(n)d dag geleden", "%(n)d dagen geleden", days) % {"n": days}
    weeks = days // 7
    return ngettext("%(n)d week geleden", "%(n)d weken geleden", weeks) % {"n": weeks}


@register.filter
def on_day(day, format="l j F") -> str:
    """A date as the resident reads it: with the year when it is not this year
    ("woensdag 1 januari 2020"), without when it is ("maandag 19 januari")."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = timezone.localtime(day)
    if day.year != timezone.localdate().year:
        format += " Y"
    return date_format(day, format)


def _once(context, key, make):
    """make(), once a page (the template's render context) for this key."""
    made = context.render_context.setdefault("made_once", {})
    if key not in made:
        made[key] = make()
    return made[key]


def date_name(context, day, format: str) -> SafeString:
    """`day` (a date, or a moment already made local) as `format` writes it, escaped:
    worked out once a page for each day and format, as the long lists repeat the same
    few days (date_format() reads the locale's names every time)."""
    return _once(context, ("date", day, format), lambda: escape(date_format(day, format)))


def _joined(parts) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


# The rows of the consultant's long lists: the caseload's residents and the day's
# agreements and actions due. Written here rather than as template loops and includes:
# those took about 0.25 ms of CPU per caseload row and 0.3 ms per item of the day, most
# of the page at 60 residents and a hundred items. Every text goes through format_html;
# what every row repeats (words, the CSRF field, the addresses' patterns, days' names)
# is worked out once a page.


def _muted(text) -> SafeString:
    return format_html('<span class="muted">{}</span>', text)


def _tag(css_class: str, text) -> SafeString:
    return format_html(' <span class="tag{}">{}</span>', css_class, text)


def _words(context) -> dict[str, SafeString]:
    """The words of the rows, translated and escaped once a page."""
    return _once(context, "words", _translated_words)


def _translated_words() -> dict[str, SafeString]:
    return {
        name: conditional_escape(words)
        for name, words in {
            "step": _("Stap"),
            "contact": _("Laatste contact"),
            "appointment": _("Volgende afspraak"),
            "overdue": _("Te laat"),
            "consultant": _("Consulent"),
            "new": _tag(" tag--new", _("Nieuw bij jou")),
            "interpreter": _("tolk"),
            "no_trajectory": _muted(_("geen traject")),
            "paused": _tag(" tag--gepauzeerd", _("gepauzeerd")),
            "no_contact": _muted(_("nog geen")),
            "no_appointment": _muted("—"),
            "none_overdue": _muted(0),
            "evaluation": _("evaluatie"),
            "late": format_html('<strong class="overdue">{}:</strong> ', _("te laat")),
            "due_by": _("uiterlijk"),
            "done_on": _("gedaan op"),
            "no_date": _("geen datum"),
            "done": _("Gedaan"),
            "reopen": _("Weer open"),
            "change": _("Wijzigen"),
            "in_plan": _("In het plan"),
            "from_the_day": format_html('<input type="hidden" name="vanaf" value="{}">', "vandaag"),
        }.items()
    }


def _csrf_field(context) -> SafeString:
    """{% csrf_token %}'s hidden field, made once a page: every agreement's form has it."""
    return _once(context, "csrf", lambda: CsrfTokenNode().render(context))


def _address(context, viewname: str, *kinds: type):
    return _once(context, ("address", viewname), lambda: addresser(viewname, *kinds))


def _resident_url(context, resident) -> str:
    """resident.get_absolute_url(), from the pattern found once a page."""
    return _address(context, "cases:resident", UUID)(resident.pk)


@register.simple_tag(takes_context=True)
def caseload_rows(context, residents, own_caseload: bool, consultant) -> SafeString:
    """The table rows of a caseload (cases.selectors.with_caseload_facts): the resident's
    name, step, last contact, next appointment and what is overdue, and the consultant
    on a list of the whole team (not one consultant's: `consultant` is None there)."""
    words = _words(context)
    show_consultant = not own_caseload and not consultant
    return _joined(
        format_html(
            '<tr><td><a href="{}">{}</a>{}{}</td><td data-label="{}">{}</td>'
            '<td data-label="{}">{}</td><td data-label="{}">{}{}</td>'
            '<td class="number" data-label="{}">{}{}</td>{}</tr>',
            _resident_url(context, resident),
            resident.full_name,
            words["new"] if own_caseload and resident.new_to_consultant else "",
            format_html(' <span class="tag">{}: {}</span>', words["interpreter"], resident.language)
            if resident.needs_interpreter
            else "",
            words["step"],
            _step(context, resident),
            words["contact"],
            _last_contact(context, resident),
            words["appointment"],
            _next_appointment(context, resident),
            _to_log(context, resident),
            words["overdue"],
            _overdue_count(resident, words),
            _evaluation_overdue(context, resident),
            format_html('<td data-label="{}">{}</td>', words["consultant"], resident.consultant)
            if show_consultant
            else "",
        )
        for resident in residents
    )


def _today(context):
    """The current time zone and today in it, once a page: each row shows local days."""
    return _once(context, "today", lambda: (timezone.get_current_timezone(), timezone.localdate()))


def _step(context, resident) -> SafeString:
    words = _words(context)
    if not resident.current_step:
        return words["no_trajectory"]
    step, cycle = resident.current_step, resident.cycle
    return format_html(
        '<a href="{}">{}</a>{}{}',
        _address(context, "cases:step", UUID, int)(resident.trajectory_id, step),
        _once(context, ("step", step), lambda: conditional_escape(_("Stap %(n)s") % {"n": step})),
        _once(
            context,
            ("cycle", cycle),
            lambda: format_html(" {}", _muted(_("ronde %(c)s") % {"c": cycle})),
        )
        if cycle > 1
        else "",
        words["paused"] if resident.trajectory_status == Trajectory.Status.PAUSED else "",
    )


def _last_contact(context, resident) -> SafeString:
    if not resident.last_contact:
        return _words(context)["no_contact"]
    zone, today = _today(context)
    day = resident.last_contact.astimezone(zone).date()
    days = (today - day).days
    return format_html(
        '{} <span class="muted">({})</span>',
        date_name(context, day, "j b Y"),
        _once(context, ("ago", days), lambda: conditional_escape(days_ago(days))),
    )


def _next_appointment(context, resident) -> SafeString:
    if not resident.next_appointment:
        return _words(context)["no_appointment"]
    # "ma 14 dec, 14:30": the day's name worked out once a page, the time for each row.
    moment = resident.next_appointment.astimezone(_today(context)[0])
    return format_html("{}, {}", date_name(context, moment.date(), "D j b"), f"{moment:%H:%M}")


def _to_log(context, resident) -> SafeString | str:
    if not resident.to_log_since:
        return ""
    # The day goes into the sentence unescaped: format_html escapes the whole sentence.
    day = date_format(resident.to_log_since.astimezone(_today(context)[0]), "j b")
    return _tag(" tag--bad", _("nog vastleggen (%(day)s)") % {"day": day})


def _overdue_count(resident, words) -> SafeString:
    if not resident.overdue_count:
        return words["none_overdue"]
    return format_html('<strong class="overdue">{}</strong>', resident.overdue_count)


def _evaluation_overdue(context, resident) -> SafeString | str:
    if not resident.evaluation_overdue_on:
        return ""
    day = date_format(resident.evaluation_overdue_on, "j F")  # as for _to_log()
    return format_html(
        ' <a class="tag tag--bad" href="{}#evaluatie">{}<span class="visually-hidden"> {}'
        "</span></a>",
        _address(context, "cases:plan", UUID)(resident.trajectory_id),
        _words(context)["evaluation"],
        _("te laat, was op %(day)s") % {"day": day},
    )


@register.simple_tag(takes_context=True)
def due_items(context, due) -> SafeString:
    """The day's agreements and plan actions due (cases.day.selectors.Due), each with
    its resident; the agreements with their done button."""
    return _joined(
        agreement_item(context, item.agreement, may_change=True, show_resident=True)
        if item.agreement
        else action_item(context, item.action, show_resident=True)
        for item in due
    )


@register.simple_tag(takes_context=True)
def agreement_item(context, agreement, may_change=False, show_resident=False) -> SafeString:
    """One agreement as a list item; its done button works with and without htmx.
    `show_resident`: on a list of several residents' agreements (the day)."""
    words = _words(context)
    what = escape(agreement.what)  # three times in the item
    overdue = agreement.is_overdue
    if agreement.done_on:
        state = " is-done"
        when = format_html(
            "{} {}", words["done_on"], date_name(context, agreement.done_on, "j b Y")
        )
    else:
        state = " is-overdue" if overdue else ""
        when = (
            format_html(
                "{}{} {}",
                words["late"] if overdue else "",
                words["due_by"],
                date_name(context, agreement.due_on, "j b Y"),
            )
            if agreement.due_on
            else words["no_date"]
        )
    return format_html(
        '<li id="afspraak-{}" class="agreement{}"><div class="agreement__body">'
        '<span class="agreement__what"><strong>{}</strong>: {}</span>'
        '<span class="agreement__meta">{}{}</span></div>{}</li>',
        agreement.pk,
        state,
        agreement.owner_name,
        what,
        _resident_link(context, agreement.resident) if show_resident else "",
        when,
        _done_form(context, agreement, what, show_resident) if may_change else "",
    )


def _done_form(context, agreement, what: SafeString, from_the_day: bool) -> SafeString:
    words = _words(context)
    done_url = _address(context, "cases:agreement_done", int)(agreement.pk)
    done = bool(agreement.done_on)
    return format_html(
        '<form method="post" action="{}" hx-post="{}" hx-target="#afspraak-{}" '
        'hx-swap="outerHTML" class="agreement__actions">{}'
        '<input type="hidden" name="done" value="{}">{}'
        '<button id="gedaan-{}" class="button button--small{}" type="submit">{}'
        '<span class="visually-hidden">: {}</span></button>'
        '<a href="{}">{}<span class="visually-hidden">: {}</span></a></form>',
        done_url,
        done_url,
        agreement.pk,
        _csrf_field(context),
        0 if done else 1,
        words["from_the_day"] if from_the_day else "",
        agreement.pk,
        " button--secondary" if done else "",
        words["reopen"] if done else words["done"],
        what,
        _address(context, "cases:agreement_edit", int)(agreement.pk),
        words["change"],
        what,
    )


@register.simple_tag(takes_context=True)
def action_item(context, action, show_resident=False) -> SafeString:
    """One open action of the plan as a list item, beside the agreements; it is changed
    in the plan. `show_resident` as for an agreement."""
    words = _words(context)
    what = escape(action.what)  # twice in the item
    overdue = action.is_overdue
    return format_html(
        '<li class="agreement{}"><div class="agreement__body">'
        '<span class="agreement__what"><strong>{}</strong>: {}</span>'
        '<span class="agreement__meta">{}{}{} {} · {}</span></div>'
        '<a class="agreement__actions" href="{}#acties">{}'
        '<span class="visually-hidden">: {}</span></a></li>',
        " is-overdue" if overdue else "",
        action.owner_name,
        what,
        _resident_link(context, action.plan.trajectory.resident) if show_resident else "",
        words["late"] if overdue else "",
        words["due_by"],
        date_name(context, action.due_on, "j b Y"),
        action.status_label.lower(),
        _address(context, "cases:plan", UUID)(action.plan_id),
        words["in_plan"],
        what,
    )


def _resident_link(context, resident) -> SafeString:
    """The resident's name linked to their file, and a dot: the day names a resident
    once for each of their agreements and actions due."""
    return _once(
        context,
        ("resident", resident.pk),
        lambda: format_html(
            '<a href="{}">{}</a> · ', _resident_url(context, resident), resident.full_name
        ),
    )
