"""The codebase keeps one shape: no import cycles inside `eximpact/`, no oversized module,
no inline `style=` in templates. Each check reads the source, so it fails on the commit
that breaks it."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "eximpact"
TEMPLATES = ROOT / "templates"
MAX_MODULE_LINES = 450


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The eximpact modules `name` imports, wherever the import statement sits.

    `from package import name` counts as importing the submodule when there is one.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, set(known)) for name, path in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of module imports as a list of names (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def is_package_parent(importer: str, imported: str) -> bool:
    """A submodule naming its own package (`from eximpact.api import bp`) only needs the
    package's `__init__` to have run, which Python guarantees before the submodule loads."""
    return importer.startswith(imported + ".")


def test_the_import_graph_of_eximpact_has_no_cycles():
    graph = {
        name: {target for target in targets if not is_package_parent(name, target)}
        for name, targets in import_graph().items()
    }
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_of_eximpact_is_over_450_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_template_has_an_inline_style_attribute():
    """Styles live in static/app.css, where the CSP allows them and one change restyles all."""
    inline = {
        str(path.relative_to(ROOT)): line
        for path in TEMPLATES.rglob("*.html")
        for line in path.read_text().splitlines()
        if re.search(r"\sstyle\s*=", line)
    }
    assert inline == {}


def test_records_are_loaded_for_pages_and_api_only_by_the_feature_loaders():
    """`get_<thing>_or_404(id, for_person)` lives in each feature's loaders.py; a view or
    API handler writing its own "get or 404" would be a second answer to who sees what."""
    own_loaders = {
        str(path.relative_to(ROOT)): line.strip()
        for path in PACKAGE.rglob("*.py")
        if path.name != "loaders.py"
        for line in path.read_text().splitlines()
        if re.search(r"def \w*_or_404\(|db\.session\.get\([^)]*\)\s*or abort\(404", line)
    }
    assert own_loaders == {}


def test_every_rule_and_page_asks_the_one_clock():
    """ "Today" is the organisation's, from `eximpact.clock`; no module asks the server."""
    server_clock = re.compile(r"\bdate\.today\(|\bdatetime\.(now|utcnow|today)\(")
    asking = {
        str(path.relative_to(ROOT)): line.strip()
        for path in [*PACKAGE.rglob("*.py"), *(ROOT / "bench").rglob("*.py")]
        if path.name != "clock.py"
        for line in path.read_text().splitlines()
        if server_clock.search(line)
    }
    assert asking == {}
