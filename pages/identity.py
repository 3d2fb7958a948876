"""The site's identity that editors set: its logo (Settings > Site identity).

The logo is a raster image from Wagtail's image library, so it passes the same gate as
every photo (hosting/image_cleaning.py strips its metadata; SVG uploads are refused, since
an SVG can carry script). Until one is chosen, the header shows the typographic wordmark.
"""

from django.db import models, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

# The header shows the logo at most 3 rem (48 px) high: one PNG at twice that for sharp
# screens, made when an editor saves the setting so no visitor's request writes it.
LOGO_FILTER = "max-480x96|format-png"


@register_setting(icon="image")
class SiteIdentity(BaseSiteSetting):
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "INPUD's logo for the page header: a PNG, JPEG or WebP with a transparent or "
            "light background, ideally wider than tall and at least 96 pixels high. "
            "Leave empty to show the name INPUD in letters."
        ),
    )

    panels = [FieldPanel("logo")]

    class Meta:
        verbose_name = "site identity"

    def logo_rendition(self):
        """The header's logo picture, or None for the wordmark."""
        return self.logo.get_rendition(LOGO_FILTER) if self.logo_id else None


def site_logo_for(request):
    """The logo rendition of the request's site, or None. Reads only: a visitor's request
    never creates the setting's row (BaseSiteSetting.for_request would)."""
    site = Site.find_for_request(request)
    identity = (
        SiteIdentity.objects.filter(site=site, logo__isnull=False)
        .select_related("logo")
        .prefetch_related("logo__renditions")
        .first()
    )
    return identity.logo_rendition() if identity else None


@receiver(post_save, sender=SiteIdentity)
def make_the_logo_rendition(sender, instance, raw=False, **kwargs):
    if not raw and instance.logo_id is not None:
        transaction.on_commit(instance.logo_rendition, robust=True)


@receiver(post_save, sender="wagtailimages.Image")
def make_the_logo_rendition_for_a_changed_image(sender, instance, raw=False, **kwargs):
    identity = SiteIdentity.objects.filter(logo=instance).first()
    if not raw and identity is not None:
        transaction.on_commit(identity.logo_rendition, robust=True)
