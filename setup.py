"""Build hook: compile the translation catalogs (.po -> .mo) into every wheel.

All metadata is in pyproject.toml; this file only extends ``build_py`` so that
``pip install .`` and ``python -m build`` carry compiled catalogs, which are
never committed (``i18n/build.py`` does the work with Babel).
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
        spec = importlib.util.spec_from_file_location("i18n_build", HERE / "i18n" / "build.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        target = Path(self.build_lib) / "i18n" / "locale"
        module.compile_catalogs(HERE / "i18n" / "locale", target)


setup(cmdclass={"build_py": BuildWithCatalogs})
