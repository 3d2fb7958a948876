from wagtail.models import Locale


def publish_translation(page, language, **fields):
    """Translate `page` into `language` (its ancestors first, where not yet translated),
    set `fields` on the translation and publish it, as a translator would."""
    locale = Locale.objects.get(language_code=language)
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(locale) is None:
            ancestor.copy_for_translation(locale).save_revision().publish()
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation
