"""Installable HelperDesk: desktop files, icons, wheel and sdist, and the application bundle.

The validators (``desktop-file-validate``, ``appstreamcli``) and ``rsvg-convert`` are
Debian packages installed by packaging/test.sh; without them these tests skip on a
laptop and fail in CI. Building packages takes long: the wheel/sdist test is
``slow``; the bundle test runs only on a bundle already built by
packaging/build-bundle.sh (CI builds one when ``HELPERDESK_BUNDLE=1``).
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from helperdesk import __version__
from ui.app import APP_ID, ICON

from conftest import need

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
METAINFO = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
BUNDLE = ROOT / "dist" / "HelperDesk" / "HelperDesk"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tool(name: str) -> str:
    path = shutil.which(name)
    need(path is not None, f"{name} is not installed (see PACKAGES in packaging/test.sh)")
    assert path is not None
    return path


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without this checkout on the path, so installed copies are tested."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "HELPERDESK_PASSPHRASE", "HELPERDESK_STORE")}
    env.update(extra)
    return env


# -- desktop integration --------------------------------------------------------------


def test_desktop_file_is_valid() -> None:
    result = subprocess.run([tool("desktop-file-validate"), str(DESKTOP)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint


def test_metainfo_is_valid() -> None:
    result = subprocess.run([tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation was successful" in result.stdout


def test_desktop_file_and_metainfo_agree_and_speak_german() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(DESKTOP, encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Icon"] == APP_ID and entry["Exec"].split()[0] == "helperdesk"
    for key in ("GenericName", "Comment", "Keywords"):
        assert entry[f"{key}[de]"] and entry[f"{key}[de]"] != entry[key]
    root = ET.parse(METAINFO).getroot()  # noqa: S314 (our own file)
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("developer_name") is not None  # appstream 0.16 knows no <developer>
    assert root.find("content_rating") is not None
    assert root.find("screenshots/screenshot/image") is not None
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == __version__  # the newest release comes first
    german = [e for e in root.iter() if e.get(XML_LANG) == "de"]
    assert {e.tag for e in german} >= {"summary", "p", "ul", "caption"}


def test_icons_render_at_every_size(tmp_path: Path) -> None:
    tool("rsvg-convert")
    subprocess.run([str(ROOT / "packaging" / "render-icons.sh"), str(tmp_path)], check=True)
    sizes = sorted(int(p.name.split("x")[0]) for p in (tmp_path / "hicolor").iterdir()
                   if p.name != "scalable")
    assert sizes == [16, 22, 24, 32, 48, 64, 128, 256]
    for n in sizes:
        image = QImage(str(tmp_path / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (n, n)
        assert image.hasAlphaChannel()
        assert image.pixelColor(n // 2, n // 2).alpha() == 255  # drawn in the middle
        assert image.pixelColor(0, 0).alpha() == 0  # rounded, transparent corner
    assert (tmp_path / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == \
        ICON.read_bytes()


# -- wheel and sdist ------------------------------------------------------------------


@pytest.mark.slow
def test_wheel_and_sdist_install_a_working_command(tmp_path: Path) -> None:
    """``python -m build`` (sdist, then the wheel from it) and a venv ``pip install``."""
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, env=clean_env())
    wheel = next(out.glob("helperdesk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ui/helperdesk.svg" in names and "helperdesk/cli/__init__.py" in names
    po = sorted(p.relative_to(ROOT).as_posix()
                for p in (ROOT / "i18n" / "locale").glob("*/LC_MESSAGES/*.po"))
    if (ROOT / "i18n" / "build.py").exists():
        # setup.py compiles every catalog into the wheel; none is committed compiled.
        assert {p.removesuffix(".po") + ".mo" for p in po} <= names
    assert not any(n.endswith(".mo") for n in names) or po
    # Install without fetching the dependencies again: the venv sees this
    # interpreter's packages behind its own (a .pth line adds no editable finders).
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pure = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (pure / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, env=clean_env())
    env = clean_env(HOME=str(tmp_path))
    version = subprocess.run([str(venv / "bin" / "helperdesk"), "--version"], cwd=tmp_path,
                             capture_output=True, text=True, check=True, env=env)
    assert version.stdout.strip() == f"HelperDesk {__version__}"
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import helperdesk, ui.app; print(helperdesk.__file__, ui.app.ICON)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True, env=env)
    module, icon = where.stdout.split()
    assert module.startswith(str(venv)) and Path(icon).is_file()
    about = subprocess.run([str(venv / "bin" / "helperdesk"), "about", "--json"], cwd=tmp_path,
                           capture_output=True, text=True, check=False, env=env)
    assert about.returncode == 0, about.stdout
    assert all(part["ok"] for part in json.loads(about.stdout))


# -- the application bundle ----------------------------------------------------------


def bundle() -> Path:
    if not BUNDLE.exists():
        if os.environ.get("HELPERDESK_BUNDLE") == "1":
            pytest.fail("HELPERDESK_BUNDLE=1 but dist/HelperDesk/HelperDesk was not built")
        pytest.skip("no bundle: run packaging/build-bundle.sh first (takes minutes)")
    return BUNDLE


@pytest.mark.slow
def test_bundle_answers_and_carries_its_parts(tmp_path: Path) -> None:
    exe = bundle()
    env = clean_env(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True,
                             check=True, env=env, cwd=tmp_path)
    assert version.stdout.strip() == f"HelperDesk {__version__}"
    about = subprocess.run([str(exe), "about", "--json"], capture_output=True, text=True,
                           check=False, env=env, cwd=tmp_path)
    parts = {p["name"]: p for p in json.loads(about.stdout)}
    assert about.returncode == 0 and all(p["ok"] for p in parts.values()), about.stdout
    # The same keyring backends as this installation: keyring's entry points came along.
    mine = subprocess.run([sys.executable, "-m", "helperdesk", "about", "--json"],
                          capture_output=True, text=True, check=False, env=os.environ | {
                              "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    ours = {p["name"]: p for p in json.loads(mine.stdout)}
    assert parts["keyring"]["detail"] == ours["keyring"]["detail"]
    qt = exe.parent / "_internal" / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert "libqxcb.so" in platforms and any("wayland" in p for p in platforms)
    libs = {p.name.split(".")[0] for p in (qt / "lib").iterdir()} if (qt / "lib").exists() \
        else set()
    assert not {"libQt6Qml", "libQt6Quick", "libQt6WebEngineCore", "libQt63DCore"} & libs


@pytest.mark.slow
@pytest.mark.parametrize("platform", ["offscreen", "xcb"])
def test_bundle_shows_the_demo_window(tmp_path: Path, platform: str) -> None:
    exe = bundle()
    command = [str(exe), "demo", "--check-start"]
    if platform == "xcb":
        command = [tool("xvfb-run"), "-a", "-s", "-screen 0 1366x768x24", *command]
    env = clean_env(QT_QPA_PLATFORM=platform, HOME=str(tmp_path),
                    XDG_CONFIG_HOME=str(tmp_path / "config"), TMPDIR=str(tmp_path))
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env,
                            cwd=tmp_path, timeout=120)
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["platform"] == platform and shown["visible"] and shown["exposed"]
    assert shown["title"].startswith("HelperDesk")
    # The demo store was deleted when the window closed.
    assert not list(tmp_path.glob("helperdesk-demo-*"))
    print(f"bundle demo on {platform}: shown and closed in {took:.1f} s")
