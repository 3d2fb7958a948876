"""The accessibility checker in the userbar and in previews, with the rules that matter
for this site's pages: images with alt text, headings in order and never empty, links
whose text says where they go, and no bold paragraph pretending to be a heading."""

from wagtail.admin.userbar import ContentCheckerItem

SITE_RULES = ["image-alt", "heading-order", "empty-heading", "link-name", "p-as-heading"]


class SiteContentCheckerItem(ContentCheckerItem):
    # ContentCheckerItem is Wagtail 8's name for AccessibilityItem (subclassing the old
    # name raises a RemovedInWagtail90Warning). Wagtail's own checks stay on.
    axe_run_only = [
        *SITE_RULES,
        *[rule for rule in ContentCheckerItem.axe_run_only if rule not in SITE_RULES],
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": "Image without alt text",
            "help_text": "Give the image a description in Images: it is read to people who "
            "cannot see it.",
        },
        "link-name": {
            "error_name": "Link without text",
            "help_text": "Every link needs words that say where it goes.",
        },
    }


def use_site_content_checker(request, items, page):
    """construct_wagtail_userbar hook: swap Wagtail's checker for ours, in place."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentCheckerItem):
            items[index] = SiteContentCheckerItem(in_editor=item.in_editor)
