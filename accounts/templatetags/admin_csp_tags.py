import json

from django import template

from accounts.admin_csp import init_script

register = template.Library()


@register.simple_tag
def csp_init(function, *args, construct=False):
    """``{% csp_init "initDateChooser" widget.attrs.id widget.config_json|from_json %}``"""
    return init_script(function, list(args), construct=construct)


@register.filter
def from_json(text):
    return json.loads(text)
