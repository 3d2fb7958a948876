from django import template

from mirrors.views import mirror_settings

register = template.Library()


@register.inclusion_tag("mirrors/footer_mirrors.html", takes_context=True)
def mirror_addresses(context):
    """The footer's part: the public mirrors, the onion address, the page about both."""
    request = context.get("request")
    found = mirror_settings(request) if request is not None else None
    return {
        "mirrors": found.public_mirrors() if found else [],
        "onion_address": found.onion_address if found else "",
    }
