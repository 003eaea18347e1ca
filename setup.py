"""Build hook: compile the translation catalogs (.po -> .mo) into every wheel.

All metadata is in pyproject.toml; this file only extends ``build_py`` so that
``pip install .``, ``pip wheel .`` and ``python -m build`` carry compiled
catalogs of every domain (``helperdesk`` and ``summaries``), which are never
committed. ``i18n/build.py`` does the work with Babel (a build requirement);
without it, or without any ``.po`` file yet, the wheel simply has no catalogs
and the app shows its source strings.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        builder = HERE / "i18n" / "build.py"
        if not builder.exists():
            return
        spec = importlib.util.spec_from_file_location("i18n_build", builder)
        if spec is None or spec.loader is None:
            raise RuntimeError(f"cannot load {builder}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        target = Path(self.build_lib) / "i18n" / "locale"
        module.compile_catalogs(HERE / "i18n" / "locale", target)


setup(cmdclass={"build_py": BuildWithCatalogs})
