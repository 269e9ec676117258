from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.addresses import address as filled_in_address

register = template.Library()


@register.simple_tag
def address(viewname, *args) -> str:
    """{% url %} for the rows of long lists: the same address, made without a reverse()
    per row (cases/addresses.py)."""
    return filled_in_address(viewname, *args)


@register.filter
def ago(moment) -> str:
    """How long ago, as a consultant says it: today, yesterday, 5 days, 3 weeks."""
    days = (timezone.localdate() - timezone.localtime(moment).date()).days
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
