"""The apps depend in one direction, and no module imports itself back.

The order is pyproject.toml's import-linter layers (README "Layout"): an app may use the
apps below it, never those above. `make lint` runs import-linter on the imports; this
checks the same order where an import graph cannot see (models named in strings: foreign
keys, page tree rules; migrations' dependencies) and, with grimp, that no chain of imports
between the project's modules (imports inside functions included) comes back to its start.
"""

import ast
import tomllib
from pathlib import Path

import grimp
import pytest
from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from wagtail.models import Page

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["importlinter"]
# A layer may hold independent apps side by side ("news | contact").
LAYERS = [
    [app.strip() for app in layer.split("|")]
    for layer in next(c for c in CONFIG["contracts"] if c["id"] == "layers")["layers"]
]
RANK = {app: position for position, layer in enumerate(LAYERS) for app in layer}
APPS = [app for app in RANK if app != "inpud"]  # inpud is the project, not an app


def upward(references):
    """The references (from_app, to_app, what) that go from an app to one above it."""
    rank = RANK
    return [
        (source, target, what)
        for source, target, what in references
        if source in rank and target in rank and rank[target] < rank[source]
    ]


def model_references():
    for model in apps.get_models():
        source = model._meta.app_label
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model and not field.auto_created:
                yield source, field.related_model._meta.app_label, f"{model.__name__}.{field.name}"
        if issubclass(model, Page) and model is not Page:
            for rule in ("parent_page_types", "subpage_types"):
                for other in getattr(model, rule, None) or []:
                    target = other._meta.app_label if hasattr(other, "_meta") else other
                    yield source, target.split(".")[0], f"{model.__name__}.{rule}"


def migration_references():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in loader.disk_migrations.items():
        for target, _ in migration.dependencies:
            yield app, target, f"{app}.{name}"


def cycles(graph, modules):
    """Strongly connected groups of more than one module (Tarjan), as sorted lists."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(start):
        work = [(start, iter(graph.find_modules_directly_imported_by(start) & modules))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(graph.find_modules_directly_imported_by(child) & modules)))
            elif child in on_stack:
                low[module] = min(low[module], index[child])

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def project_graph():
    return grimp.build_graph(*CONFIG["root_packages"])


def test_every_project_app_is_in_the_layers():
    project_apps = {
        config.label for config in apps.get_app_configs() if Path(config.path).parent == PROJECT
    }
    assert project_apps == set(APPS)


def test_no_model_or_page_rule_names_an_app_above_its_own():
    references = list(model_references())
    assert ("pages", "documents", "AboutPage.strategic_plan") in references  # seen at all
    assert upward(references) == []


@pytest.mark.django_db  # wagtail-localize's first migration reads the database on import
def test_no_migration_depends_on_an_app_above_its_own():
    references = list(migration_references())
    assert any(source == "pages" and target == "documents" for source, target, _ in references)
    assert upward(references) == []


def test_an_upward_reference_is_reported():
    assert upward([("documents", "pages", "x"), ("pages", "documents", "y")]) == [
        ("documents", "pages", "x")
    ]


def test_no_chain_of_imports_between_modules_comes_back_to_its_start():
    graph = project_graph()
    modules = set(graph.modules)
    assert "documents.library_page" in modules
    assert cycles(graph, modules) == []


def test_a_deferred_import_that_closes_a_cycle_is_found():
    graph = project_graph()
    # documents/models.py once ended with this import, inside the cycle it dodged.
    graph.add_import(importer="documents.queries", imported="documents.models")
    found = cycles(graph, set(graph.modules))
    assert any({"documents.models", "documents.queries"} <= set(group) for group in found)


# tests/ and bench/ share code through harness/ only: neither imports the other, and
# harness imports neither (they are not installed packages, so an AST walk, not grimp).
def imported_top_packages(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def crossings(folder: str, forbidden: set[str]) -> list[tuple[str, str]]:
    return sorted(
        (str(path.relative_to(PROJECT)), name)
        for path in (PROJECT / folder).rglob("*.py")
        for name in imported_top_packages(path.read_text()) & forbidden
    )


def test_tests_bench_and_harness_import_each_other_only_through_harness():
    assert "harness" in imported_top_packages((PROJECT / "bench" / "run.py").read_text())
    assert crossings("tests", {"bench"}) == []
    assert crossings("bench", {"tests"}) == []
    assert crossings("harness", {"tests", "bench"}) == []


def test_an_import_across_tests_and_bench_is_found():
    source = "import os\nfrom bench.audit import x\ndef f():\n    import tests.servers\n"
    assert imported_top_packages(source) == {"os", "bench", "tests"}
