"""The figures extractor, its RDF Data Cube mapping and the SHACL shapes that guard it.

Sentences are written for these tests. The extractor runs without organisation mentions
(``found.organisations`` empty), so subjects come from its own reading of Party body names and
the gazetteer; that keeps these tests independent of the organisation extractor.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from vietgov.extract import figures
from vietgov.extract.figures import Figure
from vietgov.model import Article, Extraction, Statement
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


def run(text: str) -> tuple[Extraction, list[Figure]]:
    a = article(text)
    found = Extraction(a)
    found.figures = figures.extract(a, found)
    return found, found.figures


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
    found, result = run("Cả nước có thêm 5.200 doanh nghiệp thành lập mới.")
    assert result == []
    assert len([s for s in found.skipped if s.startswith("figure")]) == 1


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


def violations(data: Graph) -> set[URIRef]:
    """Shapes that report a violation for ``data`` plus the ontology."""
    full = Graph()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        full.parse(path)
    full += data
    shapes = Graph()
    for name in ("core.ttl", "figures.ttl"):
        shapes.parse(SHAPES / name)
    _, report, _ = pyshacl.validate(full, shacl_graph=shapes, inference="none")
    return {report.value(r, SH.sourceShape) for r in report.subjects(RDF.type, SH.ValidationResult)
            if report.value(r, SH.resultSeverity) == SH.Violation}


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
