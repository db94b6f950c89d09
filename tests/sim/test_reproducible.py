"""Same seed, same bytes: whatever the number of worker processes or Ray actors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from troth.sim import RunSpec, Summary, default_scenario, simulate

SMALL = RunSpec(1200, 3.0, 21, default_scenario().with_changes(
    {"simulation": {"districts": 3}}))


def _bytes(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    return simulate(SMALL, tmp_path_factory.mktemp("one"), workers=1)


def test_three_worker_processes_write_the_same_bytes_as_one(one_worker: Summary,
                                                            tmp_path: Path) -> None:
    three = simulate(SMALL, tmp_path, workers=3)
    assert three.manifest["fingerprint"] == one_worker.manifest["fingerprint"]
    assert _bytes(tmp_path) == _bytes(one_worker.out_dir)
    assert (tmp_path / "manifest.json").read_bytes() == (
        one_worker.out_dir / "manifest.json").read_bytes()


def test_running_again_with_the_same_seed_gives_the_same_fingerprint(one_worker: Summary,
                                                                     tmp_path: Path) -> None:
    again = simulate(SMALL, tmp_path, workers=1)
    assert again.manifest["fingerprint"] == one_worker.manifest["fingerprint"]


def test_another_seed_gives_another_history(one_worker: Summary, tmp_path: Path) -> None:
    other = simulate(RunSpec(SMALL.people, SMALL.years, 22, SMALL.scenario), tmp_path)
    assert other.manifest["fingerprint"] != one_worker.manifest["fingerprint"]


def test_the_manifest_lists_every_file_with_its_digest(one_worker: Summary) -> None:
    import hashlib

    files = one_worker.manifest["files"]
    on_disk = _bytes(one_worker.out_dir)
    assert {f"events/{k}" for k in files} == set(on_disk)
    for rel, info in files.items():
        assert hashlib.sha256(on_disk[f"events/{rel}"]).hexdigest() == info["sha256"]


@pytest.mark.slow
def test_a_ray_cluster_writes_the_same_bytes_as_one_process(one_worker: Summary, tmp_path: Path,
                                                            ray_cluster: Any) -> None:
    on_ray = simulate(SMALL, tmp_path, workers=2, ray_address="auto")
    assert on_ray.manifest["fingerprint"] == one_worker.manifest["fingerprint"]
    assert _bytes(tmp_path) == _bytes(one_worker.out_dir)
