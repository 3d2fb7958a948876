import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get(language_code=code) for code in ["en", "fr", "es", "ru"]}


@pytest.fixture
def translator(django_user_model, locales):
    user = django_user_model.objects.create_user("traductrice", "t@example.org", "pw")
    user.groups.add(Group.objects.get(name="Translators"))
    return user


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client
