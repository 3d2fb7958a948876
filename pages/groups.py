"""Who may do what in the admin: the Editors and Moderators groups, the moderation
workflow on the whole site, and the translators' groups (one per language, and one for
every language).

Wagtail's own migrations create both groups with admin access, add/change (Moderators:
also publish) on the root page, rights on Wagtail's stock document and image models, and
the "Moderators approval" workflow on the root page. This site uses its own document model
and library models, so those rights are added here: Editors create and edit (their pages
and publications go through moderation), Moderators also publish, unpublish, manage
redirects and delete documents. Publications and their online editions use the same
"Moderators approval" workflow as pages (a WorkflowContentType row each). Series and
categories are not moderated: a change shows at once on every live publication, so only
Moderators add, change or delete them, and Editors may only choose them
(documents/publications.py). Translators: see set_up_translator_groups below.

`set_up_editorial_groups(apps)` takes an app registry so that the data migration (historical
models) and browser tests that start from a flushed database (the live registry) share it.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("documents", "librarydocument", "add_document"),
    ("documents", "librarydocument", "change_document"),
    ("documents", "librarydocument", "choose_document"),
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("pages", "person", "change_person"),
    ("pages", "footer", "change_footer"),
    ("documents", "publication", "add_publication"),
    ("documents", "publication", "change_publication"),
    ("documents", "publication", "lock_publication"),
    ("documents", "publicationseries", "view_publicationseries"),
    ("documents", "category", "view_category"),
    ("documents", "onlineedition", "add_onlineedition"),  # drafts; moderators publish
    ("documents", "onlineedition", "change_onlineedition"),
    ("documents", "onlineedition", "lock_onlineedition"),
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("documents", "onlineedition", "publish_onlineedition"),
    ("documents", "onlineedition", "delete_onlineedition"),
    ("documents", "onlineedition", "unlock_onlineedition"),
    ("documents", "publication", "publish_publication"),
    ("documents", "publication", "unlock_publication"),
    ("documents", "publicationseries", "add_publicationseries"),
    ("documents", "publicationseries", "change_publicationseries"),
    ("documents", "category", "add_category"),
    ("documents", "category", "change_category"),
    ("documents", "librarydocument", "delete_document"),
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
]
# Documents and images are permitted per collection: these go on the root collection.
COLLECTION_MODELS = {("documents", "librarydocument"), ("wagtailimages", "image")}

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page"],
}


def permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return found


# Rights Editors had before publications were moderated (pages/0008 takes them back).
EDITOR_PERMISSIONS_WITHDRAWN = [
    ("documents", "publicationseries", "add_publicationseries"),
    ("documents", "publicationseries", "change_publicationseries"),
    ("documents", "category", "add_category"),
    ("documents", "category", "change_category"),
]
MODERATED_SNIPPETS = [("documents", "publication"), ("documents", "onlineedition")]


def set_up_editorial_groups(apps):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name, wanted in (("Editors", EDITOR_PERMISSIONS), ("Moderators", MODERATOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        if name == "Editors":
            for app_label, model, codename in EDITOR_PERMISSIONS_WITHDRAWN:
                group.permissions.remove(permission(apps, app_label, model, codename))
        for app_label, model, codename in wanted:
            found = permission(apps, app_label, model, codename)
            group.permissions.add(found)
            if (app_label, model) in COLLECTION_MODELS and root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=found
                )
        if root_page is None:
            continue
        # Exactly these page rights on the root: an Editor never publishes directly.
        page_permissions = [
            permission(apps, "wagtailcore", "page", codename) for codename in PAGE_PERMISSIONS[name]
        ]
        GroupPagePermission.objects.filter(group=group, page=root_page).exclude(
            permission__in=page_permissions
        ).delete()
        for found in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=found)

    set_up_moderation_workflow(apps)


def set_up_moderation_workflow(apps):
    """Every page goes through the "Moderators approval" workflow (Wagtail creates it on the
    root page; recreate it if it is missing)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    root_page = Page.objects.filter(depth=1).first()
    if root_page is None or WorkflowPage.objects.filter(page=root_page).exists():
        moderate_snippets(apps)
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Moderators approval", active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Moderators approval", content_type=task_type, active=True
        )
        task.groups.set([Group.objects.get(name="Moderators")])
    workflow = Workflow.objects.filter(name="Moderators approval", active=True).first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Moderators approval", active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root_page)
    moderate_snippets(apps)


def moderate_snippets(apps):
    """Publications and online editions go through the pages' workflow (the one on the
    root page)."""
    Page = apps.get_model("wagtailcore", "Page")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ContentType = apps.get_model("contenttypes", "ContentType")
    pages_workflow = WorkflowPage.objects.filter(page__depth=1).first()
    if Page.objects.filter(depth=1).first() is None or pages_workflow is None:
        return
    for app_label, model in MODERATED_SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow_id": pages_workflow.workflow_id}
        )


# Translators translate; they never publish or delete English, nor manage the library.
# Snippet rights are per model, not per language: a translator may edit the translatable
# snippets (footer, people, categories) in any language, never add or delete one.
# Publications are not translated (each language is a file an editor adds): no rights.
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    ("wagtaildocs", "document", "choose_document"),
    ("documents", "librarydocument", "choose_document"),
    ("wagtailimages", "image", "choose_image"),
    ("pages", "person", "change_person"),
    ("pages", "footer", "change_footer"),
    ("documents", "category", "change_category"),
    ("documents", "onlineedition", "change_onlineedition"),  # save translations, not publish
]
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
ALL_LANGUAGES_TRANSLATORS = "Translators"


def translators_group_name(language_code):
    """The group of one language's translators: "Translators (French)"."""
    return f"Translators ({dict(settings.LANGUAGES)[language_code]})"


def translated_languages():
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return [code for code, _ in settings.LANGUAGES if code != default]


def grant_translators(apps, home):
    """Page rights on one language's tree (its home page and below) to the translators of
    that language and to the translators of every language."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    language = home.locale.language_code
    if language not in translated_languages():
        return
    names = [ALL_LANGUAGES_TRANSLATORS, translators_group_name(language)]
    for group in Group.objects.filter(name__in=names):
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            found = permission(apps, "wagtailcore", "page", codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=found)


def set_up_translator_groups(apps):
    """The Translators group (every language) and one group per translated language, with
    the same model rights; page rights on each language's tree that exists already (a
    tree made later gets them as its home page appears, pages/signals.py)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    names = [ALL_LANGUAGES_TRANSLATORS] + [
        translators_group_name(c) for c in translated_languages()
    ]
    for name in names:
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in TRANSLATOR_PERMISSIONS:
            group.permissions.add(permission(apps, app_label, model, codename))
    homes = Page.objects.filter(depth=2, locale__language_code__in=translated_languages())
    for home in homes.select_related("locale"):
        grant_translators(apps, home)
