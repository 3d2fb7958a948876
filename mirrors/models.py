"""The addresses where INPUD's site can also be read, which editors manage (Settings ›
Mirrors): they change faster than deployments do."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class MirrorAddressBlock(blocks.StructBlock):
    url = blocks.URLBlock(help_text="The mirror's address, e.g. https://inpud-mirror.example.org/")
    public = blocks.BooleanBlock(
        required=False,
        help_text=(
            "Show it on the site. A published list of mirrors is also a censor's block "
            "list: leave unticked an address to give people one by one."
        ),
    )

    class Meta:
        icon = "link"
        label = "Mirror"


@register_setting(icon="site")
class MirrorSettings(BaseSiteSetting):
    """Where the site can be read when inpud.net is blocked. Shown in the footer and on the
    "If this site is blocked" page; the onion address is also sent to Tor Browser."""

    onion_address = models.URLField(
        blank=True,
        help_text=(
            "The site's Tor onion service, e.g. http://inpudxxxxxxxx.onion/ (public: Tor "
            "Browser is told about it on every page)."
        ),
    )
    mirrors = StreamField(
        [("mirror", MirrorAddressBlock())],
        blank=True,
        help_text="Copies of the site on other addresses. Only those ticked public are shown.",
    )

    panels = [FieldPanel("onion_address"), FieldPanel("mirrors")]

    class Meta:
        verbose_name = "Mirrors"

    def public_mirrors(self):
        return [block.value["url"] for block in self.mirrors if block.value.get("public")]
