"""A new site gets an empty contact page and an empty member networks directory: editors
fill them (no invented addresses, no network named without its agreement)."""

from django.dispatch import receiver

from contact.models import ContactPage, MemberNetworksPage
from pages.models import AboutPage
from pages.signals import site_content_loaded


@receiver(site_content_loaded)
def add_contact_and_directory(sender, home, **kwargs):
    contact = ContactPage(title="Contact", slug="contact")
    home.add_child(instance=contact)
    contact.save_revision(log_action=True).publish()
    about = AboutPage.objects.child_of(home).first()
    if about is not None:
        directory = MemberNetworksPage(title="Member networks", slug="networks")
        about.add_child(instance=directory)
        directory.save_revision(log_action=True).publish()
