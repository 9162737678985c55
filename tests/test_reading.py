"""The reader: folding keeps offsets valid; bad files give clear errors naming the file."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vietgov.reading.articles import ArticleError, read_article, read_corpus
from vietgov.reading.normalize import ascii_key, fold, fold_text


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Ủy ban và Uỷ ban", "Ủy ban và Ủy ban"),
        ("văn hoá, khoá XIII, hoà bình", "văn hóa, khóa XIII, hòa bình"),
        ("thuỷ lợi, quý báu, hoàn thành", "thủy lợi, quý báu, hoàn thành"),
        ("\u00d0ảng ủy", "Đảng ủy"),
        ("11\u2013NQ\uff0fTW", "11-NQ/TW"),
        ("số\u00a057", "số 57"),
        ("qui định và qui chế", "quy định và quy chế"),
        ("\u201cChi bộ bốn tốt\u201d", '"Chi bộ bốn tốt"'),
    ],
)
def test_fold_canonicalises_variants(raw: str, folded: str) -> None:
    assert fold_text(raw) == folded


def test_fold_maps_every_folded_offset_back_to_the_source() -> None:
    source = unicodedata.normalize("NFD", "Nghị quyết\u200b số 57–NQ/TW của Bộ Chính trị")
    folded, to_source = fold(source)
    assert folded == "Nghị quyết số 57-NQ/TW của Bộ Chính trị"
    assert len(to_source) == len(folded) + 1
    start = folded.index("57-NQ/TW")
    end = start + len("57-NQ/TW")
    assert source[to_source[start]:to_source[end]] == "57–NQ/TW"
    word = folded.index("Chính")
    original = source[to_source[word]:to_source[word + len("Chính")]]
    assert unicodedata.normalize("NFC", original) == "Chính"


def test_ascii_key_strips_diacritics_and_the_stroke_of_d() -> None:
    assert ascii_key("Đảng ủy Bộ Công Thương") == "dang uy bo cong thuong"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("latin1.txt", "Tiêu chí\nmôn thi".encode("cp1252"), "not UTF-8"),
        ("binary.txt", bytes(range(256)) * 4, "binary file"),
        ("control.txt", "Một dòng\nhai \x07 ba".encode(), "control character"),
    ],
)
def test_bad_files_raise_an_error_naming_the_file(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert message in str(info.value)
    assert name in str(info.value)


def test_non_utf8_error_gives_the_line(tmp_path: Path) -> None:
    data = "Dòng một\nDòng hai\n".encode() + "Dòng ba có lỗi".encode("cp1258", "replace")
    with pytest.raises(ArticleError) as info:
        read_article(_write(tmp_path, "bad.txt", data))
    assert info.value.line == 3
    assert "bad.txt:3" in str(info.value)


def test_nfd_article_is_read_with_a_warning_and_offsets_into_the_stored_text(
    tmp_path: Path,
) -> None:
    text = "Tiêu đề bài viết về Đảng ủy\n\nNội dung có Nghị quyết số 57-NQ/TW."
    path = _write(tmp_path, "nfd.txt", unicodedata.normalize("NFD", text).encode())
    article = read_article(path)
    assert any("NFC" in w and "nfd.txt" in w for w in article.warnings)
    start = article.folded.index("Nghị quyết")
    span = article.span(start, start + len("Nghị quyết"))
    assert article.text[span.start:span.end] == span.text
    assert unicodedata.normalize("NFC", span.text) == "Nghị quyết"


def test_corpus_reading_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Một bài báo có tiêu đề đầy đủ\n\nNội dung.".encode())
    _write(tmp_path, "b.txt", b"\xff\xfe\x00\x01")
    _write(tmp_path, "c.txt", "Bài báo thứ hai có tiêu đề\n\nNội dung.".encode())
    results = list(read_corpus(tmp_path))
    assert [type(r).__name__ for r in results] == ["Article", "ArticleError", "Article"]


def test_metadata_title_byline_and_outlet(tmp_path: Path) -> None:
    text = ("Chuyên mục\n\nHội nghị tổng kết công tác năm của một cơ quan trung ương\n\n"
            "(TTXVN) Sáng nay, hội nghị đã diễn ra.\n\nNội dung tiếp theo.\n\nTrần Văn An\n"
            "\nXem thêm")
    article = read_article(_write(tmp_path, "meta.txt", text.encode()))
    assert article.title is not None and article.title.text.startswith("Hội nghị tổng kết")
    assert article.author is not None and article.author.text == "Trần Văn An"
    assert article.outlet is not None and article.outlet.text == "TTXVN"


def test_byline_with_source_gives_outlet(tmp_path: Path) -> None:
    text = "Một tiêu đề bài báo đủ dài ở đây\n\nNội dung.\nLê Thị Hoa (nguồn: baochinhphu.vn)"
    article = read_article(_write(tmp_path, "src.txt", text.encode()))
    assert article.author is not None and article.author.text == "Lê Thị Hoa"
    assert article.outlet is not None and article.outlet.text == "baochinhphu.vn"


def test_long_last_sentence_is_not_a_byline(tmp_path: Path) -> None:
    text = "Một tiêu đề bài báo đủ dài ở đây\n\nCác đơn vị tiếp tục triển khai nhiệm vụ năm tới."
    assert read_article(_write(tmp_path, "nobyline.txt", text.encode())).author is None


def test_dateline_gives_the_publication_date(tmp_path: Path) -> None:
    text = ("Một tiêu đề bài báo đủ dài ở đây\nThứ hai, 21/07/2025 10:30 (GMT+7)\n\n"
            "Ngày 20/7/2025, hội nghị đã diễn ra.")
    article = read_article(_write(tmp_path, "dated.txt", text.encode()))
    assert article.published is not None and article.published.isoformat() == "2025-07-21"


def test_a_date_inside_a_sentence_is_not_the_publication_date(tmp_path: Path) -> None:
    text = "Một tiêu đề bài báo đủ dài ở đây\n\nNgày 20/7/2025, hội nghị đã diễn ra tại Hà Nội."
    assert read_article(_write(tmp_path, "undated.txt", text.encode())).published is None
