"""What the wheel and the sdist ship: the type marker, the licence, the built-in strategies."""

from __future__ import annotations

import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str], str]:
    """The wheel's and the sdist's file names, and the wheel's METADATA, built by the
    project's own build backend."""
    builders = pytest.importorskip("hatchling.builders.wheel")
    sdist_builders = pytest.importorskip("hatchling.builders.sdist")
    out = str(tmp_path_factory.mktemp("dist"))
    (wheel,) = builders.WheelBuilder(str(ROOT)).build(directory=out, versions=["standard"])
    (sdist,) = sdist_builders.SdistBuilder(str(ROOT)).build(directory=out, versions=["standard"])
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    with tarfile.open(sdist) as archive:
        sdist_names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    return names, sdist_names, metadata.decode("utf-8")


def test_the_wheel_ships_the_type_marker_licence_and_strategies(
    built: tuple[list[str], list[str], str],
) -> None:
    names, _, metadata = built
    assert "cs_align/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "cs_align/strategies/delight.yaml" in names
    assert "License-Expression: MIT" in metadata


def test_the_sdist_ships_the_licence_and_the_type_marker(
    built: tuple[list[str], list[str], str],
) -> None:
    _, names, _ = built
    assert "LICENSE" in names and "src/cs_align/py.typed" in names
    # What the tests it ships read: the Action and the generator of the look-alike table.
    assert {"action.yml", "scripts/action.sh", "scripts/environment.sh"} <= set(names)
    assert "scripts/lookalikes.py" in names


def test_the_licence_is_the_mit_licence_pyproject_declares() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert declared["license"] == "MIT" and declared["license-files"] == ["LICENSE"]
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the cs-align authors\n")
    assert "WITHOUT WARRANTY OF ANY KIND" in text
    assert Path(ROOT / "src" / "cs_align" / "py.typed").is_file()
