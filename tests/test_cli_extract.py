"""``vietgov extract`` prints the findings of each article as JSON with valid spans."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = (
    "Bộ Chính trị ban hành kết luận mới về công tác cán bộ trong năm tới\n\n"
    "Ngày 3/3/2025, Bộ Chính trị ban hành Kết luận số 130-KL/TW ngày 3 tháng 3 năm 2025 "
    "của Bộ Chính trị về công tác cán bộ.\n\nTrần Minh\n"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vietgov.cli", "extract", *args],
                          capture_output=True, text=True, check=False)


def test_extract_prints_documents_with_spans_into_the_stored_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = _run(str(path))
    assert done.returncode == 0, done.stderr
    [data] = json.loads(done.stdout)
    assert data["article"]["author"]["text"] == "Trần Minh"
    [doc] = [d for d in data["documents"] if d["identifier"] == "130-KL/TW"]
    assert doc["date"] == "2025-03-03"
    for span in (doc["span"], doc["surface_identifier"]):
        assert ARTICLE[span["start"]:span["end"]] == span["text"]
    assert any(o["key"] == "bo-chinh-tri" for o in data["organisations"])


def test_extract_jsonl_and_only(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = _run("--jsonl", "--only", "documents", str(path), str(path))
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert "documents" in record and "persons" not in record


def test_extract_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad.write_bytes(b"\xff\xfe broken")
    done = _run(str(bad), str(good))
    assert done.returncode == 1
    assert "bad.txt" in done.stderr and "not UTF-8" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(json.loads(done.stdout)) == 1
