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


# ---------------------------------------------------------------- metadata: datelines, bylines,
# outlets (sentences composed for these tests)


@pytest.mark.parametrize("dateline", [
    "Thứ năm, 05/06/2025 - 09:30",
    "Chủ nhật, 2/3/2025, 14:20 (GMT+7)",
    "Thứ 3, 11/11/2025 08:05",
    "Cập nhật: 30/09/2025 17:45",
])
def test_a_dateline_is_never_the_title(tmp_path: Path, dateline: str) -> None:
    text = f"{dateline}\n\nTỉnh tổ chức hội nghị tổng kết công tác năm\n\nNội dung bài viết.\n"
    article = read_article(_write(tmp_path, "dl.txt", text.encode()))
    assert article.title is not None and article.title.text.startswith("Tỉnh tổ chức")
    assert article.published is not None and article.published_span is not None
    assert article.text[article.published_span.start:article.published_span.end] \
        == article.published_span.text


@pytest.mark.parametrize(("last_line", "author"), [
    ("NGỌC LAN – QUỐC BẢO", "NGỌC LAN – QUỐC BẢO"),
    ("Bài và ảnh: TRẦN HIẾU", "TRẦN HIẾU"),
    ("Tin, ảnh: Minh Đức", "Minh Đức"),
    ("Thu Trang, Hoài Nam", "Thu Trang, Hoài Nam"),
    ("Ảnh: HỒNG NHUNG", "HỒNG NHUNG"),
])
def test_bylines_keep_the_names_as_written_without_the_credit_label(
        tmp_path: Path, last_line: str, author: str) -> None:
    text = f"Một tiêu đề bài báo đủ dài ở đây\n\nNội dung bài viết.\n\n{last_line}\n"
    article = read_article(_write(tmp_path, "by.txt", text.encode()))
    assert article.author is not None and article.author.text == author


@pytest.mark.parametrize("last_line", [
    "Ảnh: minh họa",  # a credit label without a name
    "HỘI NGHỊ ĐÃ THÀNH CÔNG TỐT ĐẸP VÀ ĐỂ LẠI NHIỀU ẤN TƯỢNG",  # a shouted sentence
    "Anh - Chị - Em - Bạn - Tôi - Họ",  # too many names
])
def test_lines_that_are_not_bylines(tmp_path: Path, last_line: str) -> None:
    text = f"Một tiêu đề bài báo đủ dài ở đây\n\nNội dung bài viết.\n\n{last_line}\n"
    assert read_article(_write(tmp_path, "nb.txt", text.encode())).author is None


@pytest.mark.parametrize(("opening", "outlet"), [
    ("(Chinhphu.vn) - Sáng nay, Chính phủ họp phiên thường kỳ.", "Chinhphu.vn"),
    ("TTO - Chiều qua, thành phố đã khánh thành cây cầu mới.", "TTO"),
    ("QĐND Online - Ngày 5-9, đơn vị tổ chức lễ ra quân.", "QĐND Online"),
    ("Hà Tĩnh (TTXVN) - Ngày 2/4, tỉnh tổ chức diễn tập.", "TTXVN"),
    ("Cần Thơ (VOV) Sáng 7/7, thành phố ra mắt trung tâm mới.", "VOV"),
])
def test_dispatch_marks_open_the_first_paragraph(tmp_path: Path, opening: str,
                                                 outlet: str) -> None:
    text = f"Một tiêu đề bài báo đủ dài ở đây\n\n{opening}\n\nNội dung tiếp theo.\n"
    article = read_article(_write(tmp_path, "out.txt", text.encode()))
    assert article.outlet is not None and article.outlet.text == outlet
    assert article.text[article.outlet.start:article.outlet.end] == outlet


@pytest.mark.parametrize("body", [
    # an unknown mark
    "ABC - Sáng nay, hội nghị đã diễn ra.\n\nNội dung.",
    # a known mark deep in the article, not opening one of its first paragraphs
    "Đoạn một.\n\nĐoạn hai.\n\nĐoạn ba.\n\nĐoạn bốn.\n\nĐoạn năm.\n\n"
    "TTO - Một đoạn trích dẫn về sau.",
    # a bracket after words that are no place
    "Sáng nay (TTXVN) - hội nghị đã diễn ra.",
    # the mark in lower case is a word, not the outlet's signature
    "tto - đây không phải dấu hiệu của cơ quan báo chí.",
])
def test_no_outlet_without_a_dispatch_mark_at_the_top(tmp_path: Path, body: str) -> None:
    text = f"Một tiêu đề bài báo đủ dài ở đây\n\n{body}\n"
    assert read_article(_write(tmp_path, "noout.txt", text.encode())).outlet is None


def test_outlets_mapping_rows_have_marks_and_sources() -> None:
    from vietgov.mappings import load_yaml
    rows = load_yaml("outlets.yaml")
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    marks = [m.lower() for r in rows for m in r.get("marks", [])]
    assert len(marks) == len(set(marks)), "a mark may name one outlet only"
    labels = [r["text"] for r in load_yaml("page_furniture.yaml")
              if r.get("role") == "credit-label"]
    assert labels and all(not label.endswith(":") for label in labels)
