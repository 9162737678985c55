"""The figures extractor, its RDF Data Cube mapping and the SHACL shapes that guard it.

Sentences are written for these tests. The extractor runs without organisation mentions
(``found.organisations`` empty), so subjects come from its own reading of Party body names and
the gazetteer; that keeps these tests independent of the organisation extractor. Tests that
need what the organisation or events extractor states build those records by hand (``Org``,
``meeting``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from vietgov.extract import figures
from vietgov.extract.events import EventMention, Organiser
from vietgov.extract.figures import Figure
from vietgov.model import Article, Extraction, OrganisationMention, Span, Statement
from vietgov.paths import ONTOLOGY, SHAPES
from vietgov.rdf import articles as rdf_articles
from vietgov.rdf import figures as rdf_figures
from vietgov.rdf.iris import Iris
from vietgov.reading.normalize import fold

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VG = Namespace("https://w3id.org/vietgov/ontology#")
QB = Namespace("http://purl.org/linked-data/cube#")
VGSH = Namespace("https://w3id.org/vietgov/shapes#")
PROV = Namespace("http://www.w3.org/ns/prov#")
CODE = "https://w3id.org/vietgov/code/"


def article(text: str, article_id: str = "t01") -> Article:
    folded, to_text = fold(text)
    return Article(article_id, Path(f"{article_id}.txt"), text, folded, to_text)


@dataclass(frozen=True)
class Org:
    """An organisation the organisation extractor would state: every occurrence of ``surface``
    is a mention of the body ``name``."""

    surface: str
    name: str
    key: str
    province: str | None = None
    parent: str | None = None


def mentions(text: str, orgs: Iterable[Org]) -> list[OrganisationMention]:
    out = []
    for org in orgs:
        for m in re.finditer(re.escape(org.surface), text):
            out.append(OrganisationMention(Span(m.start(), m.end(), m.group()), org.key, org.name,
                                           province=org.province, parent_key=org.parent,
                                           short_form=org.surface != org.name))
    return sorted(out, key=lambda m: m.span.start)


def meeting(text: str, event_type: str, mention: str, organiser: Org) -> EventMention:
    """An event the events extractor would state: the first ``mention``, held by ``organiser``."""
    start = text.index(mention)
    span = Span(start, start + len(mention), mention)
    at = text.index(organiser.surface)
    holder = Organiser(organiser.key, organiser.name,
                       Span(at, at + len(organiser.surface), organiser.surface), span, True)
    return EventMention(span, event_type, mention, (span,), organisers=(holder,))


def run(text: str, orgs: Iterable[Org] = (), events: Iterable[EventMention] = ()
        ) -> tuple[Extraction, list[Figure]]:
    a = article(text)
    found = Extraction(a)
    found.organisations = mentions(text, orgs)
    found.events = list(events)
    found.figures = figures.extract(a, found)
    return found, found.figures


def skipped(found: Extraction) -> list[str]:
    return [s for s in found.skipped if s.startswith("figure")]


def only(text: str) -> Figure:
    _, found = run(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------------------------
#  Extraction
# ---------------------------------------------------------------------------------------------


def test_counts_with_measure_subject_and_period() -> None:
    text = ("Năm 2023, Đảng bộ Tổng cục Thống kê đã kết nạp 125 đảng viên mới, chuyển chính "
            "thức cho 98 đảng viên dự bị.")
    _, found = run(text)
    assert [(f.value, f.unit, f.measure_id) for f in found] == [
        (Decimal(125), "đảng viên", "ket-nap"), (Decimal(98), "đảng viên", "chuyen-chinh-thuc")]
    for f in found:
        assert f.subject == "Đảng bộ Tổng cục Thống kê"
        assert f.subject_span is not None and f.subject_span.text == "Đảng bộ Tổng cục Thống kê"
        assert f.period == "2023" and f.period_span is not None
        assert not f.target and f.comparator is None and not f.national
        assert f.span.text == text[f.span.start:f.span.end]
    assert found[0].cue_span is not None and found[0].cue_span.text == "kết nạp"


def test_spans_point_into_the_stored_text_even_when_it_is_decomposed() -> None:
    text = unicodedata.normalize("NFD", "Năm 2024, Đảng ủy Tập đoàn Hóa chất đã giải thể "
                                        "04 chi bộ.")
    f = only(text)
    assert f.value == 4 and f.unit == "chi bộ" and f.measure_id == "giai-the"
    assert text[f.span.start:f.span.end] == f.span.text
    assert unicodedata.normalize("NFC", f.span.text) == "04 chi bộ"


def test_a_goal_of_a_body_in_percent() -> None:
    f = only("Năm 2026, Chính phủ phấn đấu 90% thủ tục hành chính được xử lý trực tuyến.")
    assert (f.value, f.unit, f.subject, f.target, f.period) == (
        Decimal(90), "percent", "Chính phủ", True, "2026")
    assert f.target_span is not None and f.target_span.text == "phấn đấu"


def test_national_growth_has_no_subject_unless_a_body_set_it() -> None:
    f = only("Mục tiêu tăng trưởng kinh tế năm 2026 đạt 10% trở lên.")
    assert (f.value, f.comparator, f.target, f.measure_id) == (Decimal(10), ">=", True,
                                                               "tang-truong")
    assert f.subject is None and f.national and f.span.text == "10% trở lên"
    f = only("Cả năm, tăng trưởng kinh tế phải đạt 7 - 7,5% như Quốc hội đã đề ra.")
    assert (f.value, f.value_max, f.subject, f.target) == (Decimal(7), Decimal("7.5"),
                                                           "Quốc hội", True)


def test_a_national_statistic_that_is_not_a_goal_is_left_out() -> None:
    found, result = run("Theo báo cáo, tăng trưởng kinh tế năm 2024 đạt 7,1%.")
    assert result == []
    assert any("7,1%" in s for s in found.skipped)


def test_about_and_more_than() -> None:
    f = only("Năm nay, Đảng ủy Khối Doanh nghiệp Trung ương đã tổ chức khoảng 30 hội nghị.")
    assert (f.value, f.comparator, f.measure_id) == (Decimal(30), "~", "to-chuc")
    assert f.span.text == "khoảng 30 hội nghị"


@pytest.mark.parametrize("sentence", [
    "Đảng ủy Tổng công ty Cảng đã thực hiện nghiêm Điều 12 Quy định số 05-QĐ/TW.",
    "Đảng ủy Tổng công ty Cảng đã quán triệt Hội nghị lần thứ 9 Ban Chấp hành Trung ương.",
    "Đảng ủy Tổng công ty Cảng đã thành lập Ban Chỉ đạo 389 của đơn vị.",
    "Sau hơn 2 giờ thảo luận, Đảng ủy Tổng công ty Cảng đã thống nhất nội dung.",
    "Ngày 5/6/2024, Đảng ủy Tổng công ty Cảng đã kỷ niệm 80 năm truyền thống.",
    "Đảng ủy Tổng công ty Cảng đã ban hành (1) Kế hoạch 15-KH/ĐU; (2) Hướng dẫn 16-HD/ĐU.",
    "Đảng ủy Tổng công ty Cảng đã làm việc tại nhà 12 phố Lý Thái Tổ, nhiệm kỳ 2025-2030.",
])
def test_references_dates_durations_and_numbering_are_not_figures(sentence: str) -> None:
    found, result = run(sentence)
    assert result == []
    assert not any(s.startswith("figure") for s in found.skipped)


def test_owner_named_after_the_figures() -> None:
    _, found = run("Ủy ban Kiểm tra Trung ương đã thi hành kỷ luật 4 đảng viên và 2 tổ chức "
                   "đảng thuộc Đảng bộ Tập đoàn Than.")
    assert [(f.value, f.subject) for f in found] == [
        (Decimal(4), "Đảng bộ Tập đoàn Than"), (Decimal(2), "Đảng bộ Tập đoàn Than")]
    assert {f.measure_id for f in found} == {"ky-luat"}


def test_the_whole_party_organisation_stands_behind_a_collective_subject() -> None:
    text = ("Đảng ủy Tập đoàn Dầu khí đã tổng kết công tác xây dựng Đảng. Trong năm, toàn Đảng "
            "bộ đã kết nạp 210 đảng viên; cấp ủy các cấp đã kiểm tra 45 tổ chức đảng.")
    _, found = run(text)
    assert [(f.value, f.subject) for f in found] == [
        (Decimal(210), "Đảng bộ Tập đoàn Dầu khí"), (Decimal(45), "Đảng bộ Tập đoàn Dầu khí")]
    assert found[0].subject_span is not None and found[0].subject_span.text == "toàn Đảng bộ"
    assert not found[0].subject_listed


def test_a_name_whose_end_is_a_guess_is_not_a_subject() -> None:
    found, result = run("Đảng ủy Tập đoàn Dầu khí tổng kết năm, kết nạp 12 đảng viên.")
    assert result == [] and len(found.skipped) == 1


def test_the_subject_carries_over_within_a_paragraph_only() -> None:
    text = ("Đảng ủy Tổng công ty Điện lực miền Bắc đã rà soát bộ máy. Kết quả, giảm 12 đầu mối."
            "\nKết quả khác: giảm 3 phòng.")
    found, result = run(text)
    assert [(f.value, f.subject, f.measure_id) for f in result] == [
        (Decimal(12), "Đảng ủy Tổng công ty Điện lực miền Bắc", "giam")]
    assert any(s.startswith("figure") and "3 phòng" in s for s in found.skipped)


def test_a_figure_without_a_subject_is_skipped_not_guessed() -> None:
    found, result = run("Theo thống kê, có thêm 5.200 doanh nghiệp thành lập mới.")
    assert result == []
    assert len(skipped(found)) == 1


def test_a_bare_noun_takes_the_fuller_unit_of_its_sentence() -> None:
    _, found = run("Đảng ủy Tập đoàn Cao su đã sắp xếp lại; số tổ chức đảng giảm từ 40 tổ chức "
                   "xuống còn 31 tổ chức (giảm 22,5%).")
    assert [(f.value, f.unit, f.measure_id) for f in found] == [
        (Decimal(40), "tổ chức đảng", "giam-tu"), (Decimal(31), "tổ chức đảng", "con"),
        (Decimal("22.5"), "percent", "giam")]


def test_classifier_compound_unit() -> None:
    f = only("Đảng ủy Khối Ngân hàng đã chuyển sinh hoạt đảng cho 420 lượt đảng viên.")
    assert (f.unit, f.unit_ids, f.measure_id) == ("lượt đảng viên", ("luot", "dang-vien"),
                                                  "chuyen-sinh-hoat")


def test_a_repeated_fact_is_kept_once_but_an_enumeration_is_not_merged() -> None:
    text = ("Đảng ủy Bộ Y tế đã chọn 03 tổ chức đảng làm điểm. Sau đó, Đảng ủy Bộ Y tế đã "
            "chọn 03 tổ chức đảng này để rút kinh nghiệm.\n"
            "Đảng bộ Bộ Y tế có biến động nhân sự Ban Thường vụ (02 đồng chí), Phó Bí thư "
            "(02 đồng chí).")
    _, found = run(text)
    assert [(f.value, f.unit) for f in found] == [
        (Decimal(3), "tổ chức đảng"), (Decimal(2), "đồng chí"), (Decimal(2), "đồng chí")]


def test_equal_numbers_of_different_years_or_bodies_are_different_facts() -> None:
    text = ("Năm 2023, Đảng ủy Bộ Y tế đã kết nạp 50 đảng viên. Năm 2024, Đảng ủy Bộ Y tế đã "
            "kết nạp 50 đảng viên. Năm 2024, Đảng ủy Bộ Xây dựng đã kết nạp 50 đảng viên.")
    _, found = run(text)
    assert [(f.period, f.subject) for f in found] == [
        ("2023", "Đảng ủy Bộ Y tế"), ("2024", "Đảng ủy Bộ Y tế"), ("2024", "Đảng ủy Bộ Xây dựng")]


@pytest.mark.parametrize(("sentence", "period"), [
    ("Trong 6 tháng đầu năm 2025, Đảng ủy Khối Thương mại đã kết nạp 15 đảng viên.",
     "01/2025-06/2025"),
    ("Trong quý II/2024, Đảng ủy Khối Thương mại đã kết nạp 15 đảng viên.", "Q2/2024"),
    ("Giai đoạn 2021 - 2025, Đảng ủy Khối Thương mại đã kết nạp 15 đảng viên.", "2021-2025"),
    ("Tính đến hết tháng 9 năm 2024, Đảng ủy Khối Thương mại đã kết nạp 15 đảng viên.",
     "to 09/2024"),
    ("Từ năm 2020 đến sáu tháng đầu năm 2025, Đảng ủy Khối Thương mại đã kết nạp 15 đảng "
     "viên.", "2020 - 06/2025"),
    ("Ngày 3 tháng 2 năm 2019, Đảng ủy Khối Thương mại đã kết nạp 15 đảng viên.", None),
])
def test_periods(sentence: str, period: str | None) -> None:
    f = only(sentence)
    assert f.period == period
    assert (f.period_span is None) == (period is None)


def test_a_result_that_beat_its_target_is_not_a_target() -> None:
    f = only("Năm 2024, Đảng ủy Khối Thương mại đã vượt chỉ tiêu, kết nạp 52 đảng viên.")
    assert not f.target
    f = only("Với mục tiêu nâng cao chất lượng, Đảng ủy Khối Thương mại đã kết nạp 52 đảng viên.")
    assert not f.target
    f = only("Năm 2026, Đảng ủy Khối Thương mại phấn đấu kết nạp 60 đảng viên.")
    assert f.target


# ---------------------------------------------------------------------------------------------
#  Subjects: short forms, territories, owners, meetings, previous sentences
# ---------------------------------------------------------------------------------------------

STANDING = "Ban Thường vụ Huyện ủy"


def test_an_unresolved_short_form_is_not_a_subject() -> None:
    text = f"Tuần qua, {STANDING} đã thi hành kỷ luật 6 đảng viên."
    found, result = run(text, [Org(STANDING, STANDING, "ban-thuong-vu-huyen-uy")])
    assert result == []
    assert any("short form" in s and "6 đảng viên" in s for s in skipped(found))
    # the same words resolved by the organisation extractor are a subject
    resolved = f"{STANDING} Yên Thành"
    _, result = run(text, [Org(STANDING, resolved, "ban-thuong-vu-huyen-uy-yen-thanh")])
    assert [(f.value, f.subject) for f in result] == [(Decimal(6), resolved)]


def test_a_short_form_in_subject_position_does_not_pass_the_figure_to_another_body() -> None:
    text = f"Tỉnh ủy Cao Bằng chỉ đạo rà soát; {STANDING} đã điều động 40 cán bộ."
    found, result = run(text, [Org("Tỉnh ủy Cao Bằng", "Tỉnh ủy Cao Bằng", "tinh-uy-cao-bang",
                                   province="cao-bang"),
                               Org(STANDING, STANDING, "ban-thuong-vu-huyen-uy")])
    assert result == [] and len(skipped(found)) == 1


def test_a_province_named_in_the_sentence_is_the_subject_of_its_statistics() -> None:
    text = ("Năm 2024, tỉnh Quảng Ngãi thu ngân sách nhà nước đạt 31.500 tỷ đồng, tăng 6% so "
            "với năm trước.")
    _, result = run(text)
    assert [(f.value, f.unit, f.measure_id) for f in result] == [
        (Decimal(31500) * 10 ** 9, "đồng", "thu-ngan-sach"), (Decimal(6), "percent", "tang-them")]
    for f in result:
        assert (f.province, f.subject, f.subject_key, f.national) == ("quang-ngai", None, None,
                                                                      False)
        assert f.subject_span is not None and f.subject_span.text == "tỉnh Quảng Ngãi"



def test_a_named_city_or_province_in_subject_position() -> None:
    _, result = run("Năm 2024, thành phố Cần Thơ thu hút 85 dự án với tổng vốn 640 triệu USD. "
                    "Tỉnh An Giang hiện có 9 khu công nghiệp.")
    assert [(f.value, f.unit, f.province, f.subject_span.text if f.subject_span else None)
            for f in result] == [
        (Decimal(85), "dự án", "can-tho", "thành phố Cần Thơ"),
        (Decimal(640) * 10 ** 6, "USD", "can-tho", "thành phố Cần Thơ"),
        (Decimal(9), "khu công nghiệp", "an-giang", "Tỉnh An Giang")]
    # a district is not a province: its counts are left out
    found, result = run("Ông Lê Văn C cho biết huyện có 18 xã, trong đó 11 xã đạt chuẩn.")
    assert result == [] and len(skipped(found)) == 2

UBND = Org("Ủy ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn",
           "uy-ban-nhan-dan-tinh-lang-son", province="lang-son")


def test_the_whole_province_is_the_one_province_the_article_names() -> None:
    text = ("Ủy ban nhân dân tỉnh Lạng Sơn họp phiên thường kỳ tháng 6.\n"
            "Toàn tỉnh hiện có 65 xã, phường; tỉnh đã cấp mới 14 dự án đầu tư.")
    _, result = run(text, [UBND])
    assert [(f.value, f.unit, f.province) for f in result] == [
        (Decimal(65), "xã, phường", "lang-son"), (Decimal(14), "dự án", "lang-son")]
    assert [f.subject_span.text for f in result if f.subject_span] == ["Toàn tỉnh", "tỉnh"]


def test_a_merged_province_is_the_one_its_former_provinces_became() -> None:
    text = ("Tỉnh ủy Tuyên Quang mới được lập từ Tỉnh ủy Hà Giang và Tỉnh ủy Tuyên Quang. "
            "Toàn tỉnh hiện có 124 xã, phường.")
    orgs = [Org("Tỉnh ủy Tuyên Quang", "Tỉnh ủy Tuyên Quang", "tinh-uy-tuyen-quang",
                province="tuyen-quang"),
            Org("Tỉnh ủy Hà Giang", "Tỉnh ủy Hà Giang", "tinh-uy-ha-giang", province="ha-giang")]
    f = run(text, orgs)[1][0]
    assert (f.value, f.province) == (Decimal(124), "tuyen-quang")


def test_a_province_that_is_not_the_only_one_is_not_guessed() -> None:
    text = ("Tỉnh ủy Cao Bằng và Tỉnh ủy Lạng Sơn ký kết phối hợp. Toàn tỉnh hiện có 56 xã.")
    orgs = [Org("Tỉnh ủy Cao Bằng", "Tỉnh ủy Cao Bằng", "tinh-uy-cao-bang", province="cao-bang"),
            Org("Tỉnh ủy Lạng Sơn", "Tỉnh ủy Lạng Sơn", "tinh-uy-lang-son", province="lang-son")]
    found, result = run(text, orgs)
    assert result == []
    assert any("one province" in s for s in skipped(found))


@pytest.mark.parametrize("sentence", [
    "GRDP năm nay ước tăng 7,2% so với năm trước.",  # a province's product, but which one?
    "Các sở, ngành cấp tỉnh đã tiếp nhận 300 hồ sơ.",  # "tỉnh" does not open a clause
    "UBND tỉnh đã phê duyệt 12 dự án.",  # "tỉnh" goes on a name
    "Giải ngân vốn đầu tư công đạt 41% kế hoạch, thấp hơn bình quân cả nước.",  # a comparison
])
def test_a_territory_is_not_guessed(sentence: str) -> None:
    found, result = run(sentence)
    assert result == [] and len(skipped(found)) == 1


def test_the_nation_is_the_subject_when_the_sentence_names_it() -> None:
    f = only("Đến cuối năm, cả nước đã có 2.150 xã đạt chuẩn nông thôn mới.")
    assert (f.value, f.unit, f.national, f.province, f.subject) == (Decimal(2150), "xã", True,
                                                                    None, None)
    assert f.subject_span is not None and f.subject_span.text == "cả nước"
    f = only("Theo báo cáo, GDP quý II tăng 6,9% so với cùng kỳ.")
    assert f.national and not f.target and f.subject_span is not None
    assert f.subject_span.text == "GDP"


def test_a_statistic_takes_the_territory_of_the_sentence_before_not_a_body() -> None:
    text = ("Năm 2024, GRDP của tỉnh Quảng Trị tăng 6,5%. Kim ngạch xuất khẩu đạt 750 triệu USD.")
    _, result = run(text)
    assert [(f.value, f.unit, f.province) for f in result] == [
        (Decimal("6.5"), "percent", "quang-tri"), (Decimal(750) * 10 ** 6, "USD", "quang-tri")]
    found, result = run("Bộ Tài chính vừa công bố số liệu quý I. Thu ngân sách đạt 600 nghìn tỷ "
                        "đồng.")
    assert result == []
    assert any("no territory" in s for s in skipped(found))


def test_a_rate_per_year_is_its_own_unit() -> None:
    f = only("Giai đoạn 2021-2025, GRDP của tỉnh Tây Ninh tăng bình quân 8,2%/năm.")
    assert (f.value, f.unit_ids, f.province, f.period) == (
        Decimal("8.2"), ("percent-per-year",), "tay-ninh", "2021-2025")
    assert f.span.text == "8,2%/năm"


def test_the_owner_named_after_the_figure() -> None:
    text = ("Đảng ủy Tổng công ty Hàng hải Việt Nam tổ chức hội nghị cán bộ chủ chốt. Hiện có "
            "2.400 đảng viên trong toàn Đảng bộ.")
    f = run(text)[1][-1]
    assert (f.value, f.subject) == (Decimal(2400), "Đảng bộ Tổng công ty Hàng hải Việt Nam")
    assert f.subject_span is not None and f.subject_span.text == "toàn Đảng bộ"
    council = Org("Hội đồng nhân dân tỉnh Thái Nguyên", "Hội đồng nhân dân tỉnh Thái Nguyên",
                  "hoi-dong-nhan-dan-tinh-thai-nguyen", province="thai-nguyen")
    f = only_of("Nghị quyết được 95% đại biểu Hội đồng nhân dân tỉnh Thái Nguyên tán thành.",
                [council])
    assert (f.value, f.subject) == (Decimal(95), council.name)


def only_of(text: str, orgs: Iterable[Org] = (),
            events: Iterable[EventMention] = ()) -> Figure:
    _, found = run(text, orgs, events)
    assert len(found) == 1, found
    return found[0]


def test_the_issuer_of_counted_documents_is_not_their_owner() -> None:
    f = only("Đảng ủy Khối Doanh nghiệp Trung ương đã quán triệt 5 nghị quyết của Bộ Chính trị.")
    assert f.subject == "Đảng ủy Khối Doanh nghiệp Trung ương"


def test_a_body_s_own_superior_after_the_figure_does_not_replace_it() -> None:
    inspectorate = Org("Thanh tra Bộ Xây dựng", "Thanh tra Bộ Xây dựng", "thanh-tra-bo-xay-dung",
                       parent="bo-xay-dung")
    ministry = Org("Bộ Xây dựng", "Bộ Xây dựng", "bo-xay-dung")
    f = only_of("Năm 2024, Thanh tra Bộ Xây dựng đã thanh tra 7 đơn vị trực thuộc Bộ Xây dựng.",
                [inspectorate, ministry])
    assert f.subject == "Thanh tra Bộ Xây dựng"


COUNCIL = Org("Hội đồng nhân dân tỉnh Thái Nguyên", "Hội đồng nhân dân tỉnh Thái Nguyên",
              "hoi-dong-nhan-dan-tinh-thai-nguyen", province="thai-nguyen")
SESSION = ("Sáng 10/12, Hội đồng nhân dân tỉnh Thái Nguyên khai mạc kỳ họp thứ 20. Sau ba ngày "
           "làm việc, kỳ họp đã thông qua 27 nghị quyết.")


def test_a_meeting_in_subject_position_stands_for_the_body_that_holds_it() -> None:
    event = meeting(SESSION, "ky-hop", "kỳ họp thứ 20", COUNCIL)
    f = only_of(SESSION, [COUNCIL], [event])
    assert (f.value, f.unit, f.subject) == (Decimal(27), "nghị quyết", COUNCIL.name)
    assert f.subject_span is not None and f.subject_span.text == "kỳ họp"


def test_a_meeting_whose_holder_is_not_named_nearby_is_not_resolved() -> None:
    text = SESSION.replace(". Sau ba", ".\nSau ba")  # the figure in a paragraph of its own
    event = meeting(text, "ky-hop", "kỳ họp thứ 20", COUNCIL)
    found, result = run(text, [COUNCIL], [event])
    assert result == [] and any("holder" in s for s in skipped(found))
    found, result = run(SESSION, [COUNCIL])  # no event reported
    assert result == [] and len(skipped(found)) == 1


def test_delegates_belong_to_the_meeting_reported_before_them() -> None:
    body = Org("Đảng bộ Khối Cơ quan tỉnh", "Đảng bộ Khối Cơ quan tỉnh Thái Nguyên",
               "dang-bo-khoi-co-quan-tinh-thai-nguyen")
    text = ("Đại hội Đảng bộ Khối Cơ quan tỉnh khai mạc sáng nay.\n"
            "Nghị quyết được 298/300 đại biểu tán thành.")
    event = meeting(text, "dai-hoi", "Đại hội Đảng bộ Khối Cơ quan tỉnh", body)
    f = only_of(text, [body], [event])
    assert (f.value, f.total, f.unit, f.subject) == (Decimal(298), Decimal(300), "đại biểu",
                                                     body.name)


def test_a_verb_without_subject_goes_on_with_the_previous_sentence() -> None:
    commission = Org("Ủy ban Kiểm tra Tỉnh ủy Quảng Trị", "Ủy ban Kiểm tra Tỉnh ủy Quảng Trị",
                     "uy-ban-kiem-tra-tinh-uy-quang-tri", province="quang-tri")
    text = ("Năm 2024, Ủy ban Kiểm tra Tỉnh ủy Quảng Trị đã kiểm tra 14 tổ chức đảng. Qua kiểm "
            "tra, đã phát hiện 3 tổ chức đảng có vi phạm.")
    _, result = run(text, [commission])
    assert [(f.value, f.subject) for f in result] == [(Decimal(14), commission.name),
                                                      (Decimal(3), commission.name)]
    found, result = run(text.replace(". Qua", ".\nQua"), [commission])
    assert [f.value for f in result] == [Decimal(14)] and len(skipped(found)) == 1


def test_a_sentence_with_its_own_subject_does_not_take_the_previous_one() -> None:
    text = ("Năm 2024, Đảng bộ Tổng công ty Đường sắt Việt Nam kết nạp 120 đảng viên. Công ty mẹ "
            "có 900 lao động.")
    found, result = run(text)
    assert [f.value for f in result] == [Decimal(120)]
    assert any("900 lao động" in s for s in skipped(found))


def test_the_association_at_every_level_is_the_association_of_the_article() -> None:
    union = Org("Hội Liên hiệp Phụ nữ Việt Nam", "Hội Liên hiệp Phụ nữ Việt Nam",
                "hoi-lien-hiep-phu-nu-viet-nam")
    text = ("Hội Liên hiệp Phụ nữ Việt Nam tổng kết năm 2024. Trong năm, các cấp Hội đã kết nạp "
            "120.000 hội viên.")
    f = only_of(text, [union])
    assert (f.value, f.unit, f.subject) == (Decimal(120000), "hội viên", union.name)
    assert f.subject_span is not None and f.subject_span.text == "các cấp Hội"
    farmers = Org("Hội Nông dân Việt Nam", "Hội Nông dân Việt Nam", "hoi-nong-dan-viet-nam")
    two = ("Hội Liên hiệp Phụ nữ Việt Nam và Hội Nông dân Việt Nam ký chương trình phối hợp. "
           "Năm qua, các cấp Hội đã vận động 3.000 hội viên tham gia.")
    found, result = run(two, [union, farmers])
    assert result == [] and len(skipped(found)) == 1


def test_more_counted_nouns() -> None:
    _, result = run("Năm 2024, Bộ Tư pháp đã biểu dương 36 tập thể và 72 cá nhân; tiếp nhận 410 "
                    "đơn của công dân; tinh giản 18 biên chế.")
    assert [(f.value, f.unit) for f in result] == [
        (Decimal(36), "tập thể"), (Decimal(72), "cá nhân"), (Decimal(410), "đơn"),
        (Decimal(18), "biên chế")]
    assert {f.subject for f in result} == {"Bộ Tư pháp"}
    f = only("Đến nay, cả nước còn 3.321 xã, phường, đặc khu.")
    assert f.unit == "xã, phường, đặc khu"


def test_a_number_before_xuong_con_shares_the_unit_of_the_next() -> None:
    _, result = run("Đảng ủy Tổng công ty Cảng hàng không Việt Nam đã giảm từ 14 xuống còn 9 "
                    "chi bộ.")
    assert [(f.value, f.unit, f.span.text, f.measure_id) for f in result] == [
        (Decimal(14), "chi bộ", "14", "giam-tu"), (Decimal(9), "chi bộ", "9 chi bộ", "con")]


@pytest.mark.parametrize("sentence", [
    "Đảng ủy Tập đoàn Dầu khí Quốc gia Việt Nam cho biết lợi nhuận đạt 500 tỷ.",  # no currency
    "Đảng ủy Tập đoàn Dầu khí Quốc gia Việt Nam có đồng chí Bí thư 58 tuổi.",  # an age
    "Đảng ủy Tập đoàn Dầu khí Quốc gia Việt Nam họp ngày 1/10 tại Hà Nội.",  # a date, not 1 of 10
    "Đảng ủy Tập đoàn Dầu khí Quốc gia Việt Nam đã ban hành 12 tháng 5 chỉ thị.",  # no number
])
def test_new_nouns_keep_dates_ages_and_money_without_currency_out(sentence: str) -> None:
    found, result = run(sentence)
    assert result == [] and skipped(found) == []


def test_a_threshold_of_what_was_counted_is_not_a_figure() -> None:
    found, result = run("Đến nay, cả nước còn 15 tỉnh có tỷ lệ hộ nghèo trên 5%.")
    assert [(f.value, f.unit) for f in result] == [(Decimal(15), "tỉnh")]
    assert any("threshold" in s for s in skipped(found))


# ---------------------------------------------------------------------------------------------
#  RDF mapping
# ---------------------------------------------------------------------------------------------

SAMPLE = ("Năm 2024, Đảng bộ Tổng cục Thống kê đã kết nạp 125 đảng viên, giảm 2 đầu mối "
          "(giảm 12,5%). Mục tiêu tăng trưởng kinh tế năm 2025 đạt 8 - 8,5%.")


def sample_statements() -> tuple[Extraction, list[Statement]]:
    found, _ = run(SAMPLE)
    return found, list(rdf_figures.statements(found, Iris()))


def test_every_figure_becomes_an_observation_with_its_facts() -> None:
    found, statements = sample_statements()
    iris = Iris()
    assert len(found.figures) == 4
    for f in found.figures:
        obs = iris.of("figure", "t01", str(f.span.start))
        facts = {st.predicate: st for st in statements if st.subject == obs}
        assert facts[str(VG.reportedValue)].obj == format(f.value, "f")
        assert facts[str(VG.reportedValue)].datatype == str(XSD.decimal)
        assert facts[str(QB.dataSet)].obj == iris.of("dataset", "figures")
        assert facts[str(VG.unit)].obj == CODE + "unit/" + "-".join(f.unit_ids)
        assert facts[str(VG.measure)].obj == CODE + "measure/" + f.measure_id
        assert facts[str(VG.isTarget)].obj == ("true" if f.target else "false")
        for st in facts.values():
            assert st.article == iris.article("t01") and st.span is not None
            assert SAMPLE[st.span.start:st.span.end] == st.span.text
    growth = next(f for f in found.figures if f.national)
    obs = iris.of("figure", "t01", str(growth.span.start))
    assert any(st.subject == obs and st.predicate == str(VG.refSubject)
               and st.obj == "http://www.wikidata.org/entity/Q881" for st in statements)
    assert any(st.subject == obs and st.predicate == str(VG.valueMax) and st.obj == "8.5"
               for st in statements)


def test_reference_data_has_a_source_and_no_span() -> None:
    _, statements = sample_statements()
    reference = [st for st in statements if st.span is None]
    assert reference and all(st.source and st.article is None for st in reference)
    subjects = {st.subject for st in reference}
    assert CODE + "unit/percent" in subjects and CODE + "measure/tang-truong" in subjects
    assert Iris().of("dataset", "figures") in subjects


def test_a_subject_the_organisation_extractor_did_not_list_is_typed_here() -> None:
    found, statements = sample_statements()
    subject = Iris().organisation(found.figures[0].subject_key or "")
    types = [st for st in statements if st.subject == subject and st.predicate == str(RDF.type)]
    assert [st.obj for st in types] == [str(VG.Organization)]
    assert types[0].span is not None


def test_no_figures_no_statements() -> None:
    found, _ = run("Không có số liệu nào ở đây.")
    assert list(rdf_figures.statements(found, Iris())) == []


# ---------------------------------------------------------------------------------------------
#  SHACL
# ---------------------------------------------------------------------------------------------


def graph_of(statements: Iterable[Statement]) -> Graph:
    g = Graph()
    for st in statements:
        if st.is_iri:
            obj: URIRef | Literal = URIRef(st.obj)
        else:
            obj = Literal(st.obj, lang=st.lang,
                          datatype=URIRef(st.datatype) if st.datatype else None)
        g.add((URIRef(st.subject), URIRef(st.predicate), obj))
    return g


def violations(data: Graph, severity: URIRef = SH.Violation) -> set[URIRef]:
    """Shapes that report a result of ``severity`` for ``data`` plus the ontology."""
    full = Graph()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        full.parse(path)
    full += data
    shapes = Graph()
    for name in ("core.ttl", "figures.ttl"):
        shapes.parse(SHAPES / name)
    _, report, _ = pyshacl.validate(full, shacl_graph=shapes, inference="none")
    return {report.value(r, SH.sourceShape) for r in report.subjects(RDF.type, SH.ValidationResult)
            if report.value(r, SH.resultSeverity) == severity}


@pytest.fixture(scope="module")
def good() -> Graph:
    found, statements = sample_statements()
    return graph_of([*rdf_articles.statements(found, Iris()), *statements])


def observation(g: Graph, unit: str = "percent") -> URIRef:
    return next(s for s in g.subjects(VG.unit, URIRef(CODE + "unit/" + unit)))


def test_the_mapped_figures_conform(good: Graph) -> None:
    assert violations(good) == set()


def test_shapes_reject_broken_figures(good: Graph) -> None:
    obs = observation(good)

    def broken(change: str) -> Graph:
        g = Graph()
        g += good
        if change == "no value":
            g.remove((obs, VG.reportedValue, None))
        elif change == "no article":
            g.remove((obs, PROV.wasDerivedFrom, None))
        elif change == "two data sets":
            g.add((obs, QB.dataSet, URIRef("https://example.org/other")))
        elif change == "range backwards":
            g.add((obs, VG.valueMax, Literal("1", datatype=XSD.decimal)))
        elif change == "negative":
            g.set((obs, VG.reportedValue, Literal("-3", datatype=XSD.decimal)))
        elif change == "percent over 100":
            g.set((obs, VG.reportedValue, Literal("150", datatype=XSD.decimal)))
        elif change == "comparator":
            g.add((obs, VG.comparator, Literal("≈")))
        elif change == "unit is a measure":
            g.set((obs, VG.unit, g.value(obs, VG.measure)))
        elif change == "target as text":
            g.set((obs, VG.isTarget, Literal("yes")))
        elif change == "no subject":
            g.remove((obs, VG.refSubject, None))
        elif change == "no measure":
            g.remove((obs, VG.measure, None))
        elif change == "empty period":
            g.add((obs, VG.refPeriod, Literal("")))
        elif change == "no structure":
            g.remove((None, QB.structure, None))
        elif change == "unit outside the code list":
            g.remove((URIRef(CODE + "unit/percent"), URIRef(
                "http://www.w3.org/2004/02/skos/core#inScheme"), None))
        return g

    expected = {
        "no value": VGSH["Figure-reportedValue"],
        "no article": VGSH["Figure-article"],
        "two data sets": VGSH["Figure-dataSet"],
        "range backwards": VGSH["Figure-range"],
        "negative": VGSH["Figure-reportedValue"],
        "percent over 100": VGSH["FigurePercentShape"],
        "comparator": VGSH["Figure-comparator"],
        "unit is a measure": VGSH["Figure-unit"],
        "target as text": VGSH["Figure-isTarget"],
        "no subject": VGSH["Figure-refSubject"],
        "no measure": VGSH["Figure-measure"],
        "empty period": VGSH["Figure-refPeriod"],
        "no structure": VGSH["DataSet-structure"],
        "unit outside the code list": VGSH["FigureUnit-inScheme"],
    }
    for change, shape in expected.items():
        assert shape in violations(broken(change)), change


def test_growth_may_exceed_100_percent_but_a_share_may_not(good: Graph) -> None:
    growth = next(s for s in good.subjects(VG.measure, URIRef(CODE + "measure/tang-truong")))
    g = Graph()
    g += good
    g.set((growth, VG.valueMax, Literal("120", datatype=XSD.decimal)))
    assert VGSH["FigurePercentShape"] not in violations(g)


def test_a_figure_iri_has_the_agreed_form(good: Graph) -> None:
    obs = observation(good)
    g = Graph()
    for s, p, o in good:
        g.add((URIRef("https://example.org/x") if s == obs else s, p, o))
    assert VGSH["FigureShape"] in violations(g)


# ---------------------------------------------------------------------------------------------
#  Territories and fractions in RDF
# ---------------------------------------------------------------------------------------------

TERRITORIES = ("Năm 2024, tỉnh Quảng Ngãi thu ngân sách nhà nước đạt 31.500 tỷ đồng. Cùng năm, cả "
               "nước đã có 2.150 xã đạt chuẩn nông thôn mới.")


def test_a_territory_is_the_subject_in_rdf() -> None:
    found, _ = run(TERRITORIES)
    statements = list(rdf_figures.statements(found, Iris()))
    province = Iris().of("province", "quang-ngai")
    subjects = [st for st in statements if st.predicate == str(VG.refSubject)]
    assert [(st.obj, st.span.text if st.span else None) for st in subjects] == [
        (province, "tỉnh Quảng Ngãi"), ("http://www.wikidata.org/entity/Q881", "cả nước")]
    reference = {(st.predicate, st.obj) for st in statements if st.subject == province}
    assert (str(RDF.type), str(VG.Province)) in reference
    assert (str(VG.iso31662Code), "VN-29") in reference
    assert all(st.span is None and st.source for st in statements if st.subject == province)
    # a territory is not typed as an organisation
    assert not any(st.obj == str(VG.Organization) for st in statements)


def test_the_subject_shape_accepts_a_province_and_warns_on_anything_else() -> None:
    found, _ = run(TERRITORIES)
    g = graph_of([*rdf_articles.statements(found, Iris()),
                  *rdf_figures.statements(found, Iris())])
    assert violations(g) == set()
    assert VGSH["Figure-refSubjectKind"] not in violations(g, SH.Warning)
    obs = next(g.subjects(VG.refSubject, URIRef(Iris().of("province", "quang-ngai"))))
    g.set((obs, VG.refSubject, URIRef("https://example.org/somewhere")))
    assert VGSH["Figure-refSubjectKind"] in violations(g, SH.Warning)


def test_a_fraction_is_published_as_its_part() -> None:
    body = Org("Đảng bộ Khối Cơ quan tỉnh", "Đảng bộ Khối Cơ quan tỉnh Thái Nguyên",
               "dang-bo-khoi-co-quan-tinh-thai-nguyen")
    text = ("Đại hội Đảng bộ Khối Cơ quan tỉnh khai mạc sáng nay.\n"
            "Nghị quyết được 298/300 đại biểu tán thành.")
    found, _ = run(text, [body], [meeting(text, "dai-hoi", "Đại hội Đảng bộ Khối Cơ quan tỉnh",
                                          body)])
    statements = list(rdf_figures.statements(found, Iris()))
    values = [st for st in statements if st.predicate == str(VG.reportedValue)]
    assert [(st.obj, st.span.text if st.span else None) for st in values] == [
        ("298", "298/300 đại biểu")]
    assert not any(st.obj == "300" for st in statements)
    g = graph_of([*rdf_articles.statements(found, Iris()), *statements])
    assert violations(g) == set()


def test_a_rate_per_year_over_100_percent_needs_a_rate_of_change() -> None:
    found, _ = run("Giai đoạn 2021-2025, GRDP của tỉnh Tây Ninh tăng bình quân 8,2%/năm; tỷ lệ "
                   "che phủ rừng đạt 16%/năm.")
    g = graph_of([*rdf_articles.statements(found, Iris()),
                  *rdf_figures.statements(found, Iris())])
    assert violations(g) == set()
    share = next(s for s in g.subjects(VG.unit, URIRef(CODE + "unit/percent-per-year"))
                 if g.value(s, VG.measure) != URIRef(CODE + "measure/tang-truong"))
    g.set((share, VG.reportedValue, Literal("160", datatype=XSD.decimal)))
    assert VGSH["FigurePercentShape"] in violations(g)

