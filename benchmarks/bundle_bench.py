"""Bundle benchmark (not a test): size and start time of dist/HelperDesk/.

    packaging/build-bundle.sh
    PYTHONPATH=. python benchmarks/bundle_bench.py [--rounds 3]

Measures, in turns with the same commands run from this checkout by the
current interpreter (the reference, since this machine is shared and noisy):
``--version`` (the CLI starting), ``about`` (every native part loaded once) and
``demo --check-start`` (demo store built, main window shown and closed, on the
offscreen platform). Prints the bundle's size on disk and median seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "HelperDesk" / "HelperDesk"
COMMANDS = {"--version": ["--version"], "about": ["about"],
            "demo --check-start": ["demo", "--check-start"]}


def size_mib(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    if not BUNDLE.exists():
        sys.exit("no bundle: run packaging/build-bundle.sh first")
    with tempfile.TemporaryDirectory() as home:
        env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "HOME": home,
                            "XDG_CONFIG_HOME": home, "PYTHONPATH": str(ROOT)}
        env.pop("HELPERDESK_PASSPHRASE", None)
        print(f"bundle size: {size_mib(BUNDLE.parent):.0f} MiB ({BUNDLE.parent})")
        for name, args in COMMANDS.items():
            bundle, source = [], []
            for _ in range(rounds):  # in turns, so drift hits both alike
                bundle.append(timed([str(BUNDLE), *args], env))
                source.append(timed([sys.executable, "-m", "helperdesk", *args], env))
            b, s = statistics.median(bundle), statistics.median(source)
            print(f"{name:<20} bundle {b:6.2f} s   from source {s:6.2f} s   ratio {b / s:4.2f}")


if __name__ == "__main__":
    main()
