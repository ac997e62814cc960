"""The shape of the house: ``home`` is the ground floor. It imports no app that stands on it,
names none of their page types, and its page models import no views (no import cycles)."""

import ast
from pathlib import Path

HOME = Path(__file__).resolve().parents[2] / "home"
OTHER_APPS = ("campaigns", "mentoring")


def imports(path):
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def strings(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_home_imports_no_other_app():
    found = {
        f"{path.relative_to(HOME)}: {name}"
        for path in HOME.rglob("*.py")
        for name in imports(path)
        if name.split(".")[0] in OTHER_APPS
    }
    assert found == set()


def test_home_names_no_other_apps_page_types():
    found = {
        f"{path.relative_to(HOME)}: {text}"
        for path in (HOME / "models").glob("*.py")
        for text in strings(path)
        if text.split(".")[0] in OTHER_APPS
    }
    assert found == set()


def test_page_models_import_no_views():
    found = {
        f"{path.relative_to(HOME)}: {name}"
        for path in (HOME / "models").glob("*.py")
        for name in imports(path)
        if ".views" in f".{name}." or name.startswith("django.contrib.syndication")
    }
    assert found == set()
