"""The user's own settings file (installningar.toml): the theme survives, nothing breaks it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from drafter.user_settings import save_theme, saved_theme


def test_the_saved_theme_is_read_back_and_other_keys_survive(tmp_path: Path) -> None:
    path = tmp_path / "installningar.toml"
    path.write_text('egen = "behåll mig"\ntema = "textual-light"\n', encoding="utf-8")
    save_theme("nord", path)
    assert saved_theme(path) == "nord"
    assert 'egen = "behåll mig"' in path.read_text(encoding="utf-8")


def test_a_missing_broken_or_odd_file_gives_no_theme(tmp_path: Path) -> None:
    assert saved_theme(tmp_path / "finns-inte.toml") is None
    broken = tmp_path / "trasig.toml"
    broken.write_text('tema = "nord\n', encoding="utf-8")
    assert saved_theme(broken) is None
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('tema = "blå"\n'.encode("latin-1"))
    assert saved_theme(latin1) is None
    odd = tmp_path / "udda.toml"
    odd.write_text('tema = "[bold]nord"\n', encoding="utf-8")
    assert saved_theme(odd) is None
    folder = tmp_path / "mapp.toml"
    folder.mkdir()
    assert saved_theme(folder) is None


def test_no_settings_file_costs_no_tomllib_import(tmp_path: Path) -> None:
    """Every start reads the theme; most users never saved one. Naming tomllib's error class
    for a missing file imported tomllib (~9 M instructions) at every start."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from drafter.user_settings import saved_theme\n"
        f"assert saved_theme(Path({str(tmp_path / 'finns-inte.toml')!r})) is None\n"
        "print('tomllib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
