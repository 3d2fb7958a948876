"""Languages a library file can be in, and how the library names them (which file a
visitor gets is the site's rule: sitewide/languages.py)."""

from django.utils.translation import get_language, get_language_info

# The site's interface languages plus languages some publications exist in without the
# site being translated into them (issue 5: Portuguese and Chinese appear).
FILE_LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("ru", "Russian"),
    ("pt", "Portuguese"),
    ("zh-hans", "Chinese (simplified)"),
    ("ar", "Arabic"),
]
FILE_LANGUAGE_CODES = {code for code, _name in FILE_LANGUAGES}


def language_name_translated(code):
    """The language named in the visitor's language ("anglais" for a French visitor)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


# Interface languages that write language names in lowercase within a sentence ("ce
# fichier est en anglais", "está en inglés", "на языке: английский"); English does not.
LOWERCASE_LANGUAGE_NAMES = {"fr", "es", "ru"}


def in_sentence(language_name):
    """A language name as the visitor's language writes it mid-sentence."""
    if get_language() in LOWERCASE_LANGUAGE_NAMES:
        return language_name[:1].lower() + language_name[1:]
    return language_name
