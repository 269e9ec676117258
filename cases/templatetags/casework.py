from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


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
