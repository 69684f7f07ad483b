"""Template helpers that render Django form fields and query strings the KERN UX way.

One way to render KERN components: every form (ours and allauth's) goes through `kern_field`.
"""

from urllib.parse import urlencode

from django import forms, template
from django.forms.boundfield import BoundWidget
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()


def _kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


_WIDGET_CLASS = {
    "checkbox": "kern-form-check__checkbox",
    "select": "kern-form-input__select",
    "textarea": "kern-form-input__input",
    "file": "kern-form-input__input",
    "input": "kern-form-input__input",
}


@register.simple_tag
def kern_field(field, hint_override=None, **extra_attrs):
    """Render a bound field with label, hint and errors, wired with aria-describedby and aria-invalid."""
    kind = _kind(field)
    if kind == "hidden":
        return mark_safe(str(field))  # noqa: S308 - Django renders and escapes the widget itself
    hint = field.help_text if hint_override is None else hint_override
    base_id = field.auto_id or f"id_{field.html_name}"
    hint_id = f"{base_id}-hint" if hint else ""
    error_id = f"{base_id}-error" if field.errors else ""
    described = " ".join(part for part in (hint_id, error_id) if part)
    attrs = dict(extra_attrs)
    if described:
        attrs["aria-describedby"] = described
    if field.errors:
        attrs["aria-invalid"] = "true"
    if kind in _WIDGET_CLASS:
        css = _WIDGET_CLASS[kind]
        if field.errors:
            css += f" {css}--error"
        existing = field.field.widget.attrs.get("class", "")
        attrs["class"] = f"{existing} {css}".strip()
    options = []
    if kind in ("checkboxes", "radios"):
        # Options: each subwidget gets the KERN class; group-level description sits on the fieldset.
        css = "kern-form-check__checkbox" if kind == "checkboxes" else "kern-form-check__radio"
        options = [
            {"tag": sub.tag(wrap_label=False), "id": sub.id_for_label, "label": sub.choice_label}
            for sub in _subwidgets(field, css)
        ]
        widget_html = ""
    else:
        widget_html = field.as_widget(attrs=attrs)
    return render_to_string(
        "web/components/field.html",
        {
            "field": field,
            "kind": kind,
            "widget": widget_html,
            "options": options,
            "hint": hint,
            "hint_id": hint_id,
            "error_id": error_id,
            "described": described,
            "base_id": base_id,
            "optional": not field.field.required and kind != "checkbox",
        },
    )


def _subwidgets(field, css):
    widget = field.field.widget
    attrs = {"class": css}
    if field.auto_id:
        attrs["id"] = field.auto_id
    attrs = field.build_widget_attrs(attrs)
    return [
        BoundWidget(widget, sub, field.form.renderer)
        for sub in widget.subwidgets(field.html_name, field.value(), attrs=attrs)
    ]


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one); always resets `page`."""
    request = context["request"]
    params = request.GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_toggle(context, name, value):
    """The current query string with one repeated parameter value switched on or off (facet links)."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    values = params.getlist(name)
    value = str(value)
    values = [v for v in values if v != value] if value in values else [*values, value]
    params.setlist(name, values)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def urlencode_pairs(pairs):
    return urlencode(pairs, doseq=True)


@register.filter
def get_item(mapping, key):
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None
