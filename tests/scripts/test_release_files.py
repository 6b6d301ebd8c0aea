"""The production release (scripts/release.sh) carries every project package its services import."""

import re
import shlex

from runtime.launch import ROOT


def release_files():
    text = (ROOT / "scripts" / "release.sh").read_text(encoding="utf-8")
    listed = re.search(r"^APP_FILES=\((.*?)\)", text, re.S | re.M)
    assert listed, "scripts/release.sh no longer lists APP_FILES"
    return set(shlex.split(listed.group(1)))


def project_imports(folder):
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    found = set()
    for path in (ROOT / folder).rglob("*.py"):
        for name in re.findall(r"^\s*(?:from|import) (\w+)", path.read_text(encoding="utf-8"), re.M):
            if name in packages:
                found.add((name, str(path.relative_to(ROOT))))
    return found


def test_every_project_package_a_released_module_imports_is_released():
    released = release_files()
    missing = {
        (name, where)
        for folder in released
        if (ROOT / folder).is_dir()
        for name, where in project_imports(folder)
        if name not in released
    }
    assert not missing, f"add these packages to APP_FILES in scripts/release.sh: {sorted(missing)}"
