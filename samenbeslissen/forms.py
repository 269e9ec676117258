"""The form renderer (FORM_RENDERER): Django's own widget templates in their Jinja2 form,
which draw a widget in about a third of the time of the Django-template ones ("Gesprek
vastleggen" has 44 widgets, and drawing them was 40 % of the page). Widgets whose
templates exist only as Django templates (the admin's) are drawn as before."""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    def __init__(self):
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
