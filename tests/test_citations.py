"""Citation variants of official documents (vietgov.extract.documents, vietgov.rdf.documents).

Every sentence here is composed for the test; the variants follow
shared/reference/vn-document-citations.md (§1.1 oddities, §3 table, §6 folds).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from vietgov.extract.documents import distinct_documents, document_label, extract
from vietgov.model import Article, DocumentMention, Extraction, OrganisationMention, Span
from vietgov.paths import ONTOLOGY, SHAPES
from vietgov.rdf.documents import statements
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import DCTERMS, ELI, RDF_TYPE, RDFS_LABEL, SKOS, VG, XSD
from vietgov.reading.normalize import fold

IRIS = Iris()


def _article(text: str, published: date | None = None) -> Article:
    folded, to_text = fold(text)
    return Article("t1", Path("t1.txt"), text, folded, to_text, published=published)


def _found(text: str, orgs: tuple[tuple[str, str], ...] = (),
           published: date | None = None) -> Extraction:
    """Extract documents; ``orgs`` stands in for the organisations extractor (surface, key)."""
    article = _article(text, published)
    found = Extraction(article)
    for surface, key in orgs:
        start = text.index(surface)
        found.organisations.append(OrganisationMention(
            Span(start, start + len(surface), surface), key, surface, "party"))
    found.documents = extract(article, found)
    for m in found.documents:  # every span points into the text as stored
        for span in (m.span, m.surface_identifier, m.date_span, m.title, m.type_word,
                     *(r.span for r in m.issuers), *(r.cue for r in m.relations)):
            if span is not None:
                assert text[span.start:span.end] == span.text
    return found


def _docs(text: str, orgs: tuple[tuple[str, str], ...] = ()) -> list[DocumentMention]:
    return _found(text, orgs).documents


def _one(text: str, orgs: tuple[tuple[str, str], ...] = ()) -> DocumentMention:
    docs = _docs(text, orgs)
    assert len(docs) == 1, [d.span.text for d in docs]
    return docs[0]


def _by_id(docs: list[DocumentMention], identifier: str) -> DocumentMention:
    return next(d for d in docs if d.identifier == identifier)


def _issuers(m: DocumentMention) -> list[str]:
    return [r.key for r in m.issuers]


# --------------------------------------------------------------------- numbered: shapes


def test_canonical_party_citation() -> None:
    m = _one("Tỉnh ủy quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về "
             "đột phá phát triển khoa học, công nghệ; các ngành cùng vào cuộc.")
    assert (m.identifier, m.number, m.type_code, m.issuer_code) == ("57-NQ/TW", "57", "NQ", "TW")
    assert (m.doc_type, m.system, m.year, m.date) == ("nghi-quyet", "party", 2024,
                                                      date(2024, 12, 22))
    assert _issuers(m) == ["bo-chinh-tri"]
    assert m.span.text == "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"
    assert m.title is not None
    assert m.title.text == "về đột phá phát triển khoa học, công nghệ"
    assert m.date_span is not None and m.date_span.text == "ngày 22/12/2024"


def test_without_so_and_lower_case_type_word() -> None:
    m = _one("Hội nghị đã học tập kết luận 203-KL/TW một cách nghiêm túc.")
    assert m.identifier == "203-KL/TW" and m.doc_type == "ket-luan"
    assert m.type_word is not None and m.type_word.text == "kết luận"
    assert m.date is None and m.year is None


def test_no_type_word_leaves_doc_type_empty() -> None:
    m = _one("Văn bản số 57-NQ/TW được gửi tới các chi bộ.")
    assert m.identifier == "57-NQ/TW" and m.doc_type is None


def test_state_normative_decree_issuer_from_code() -> None:
    m = _one("Nghị định số 96/2022/NĐ-CP quy định chức năng của bộ.")
    assert (m.identifier, m.year, m.system, m.type_code, m.issuer_code) == (
        "96/2022/NĐ-CP", 2022, "state", "NĐ", "CP")
    assert _issuers(m) == ["chinh-phu"]  # CP names one body
    assert m.title is None  # "quy định …" opens a title only after "của <issuer>"


def test_state_individual_decision() -> None:
    m = _one("Theo Quyết định số 3255/QĐ-BCT ngày 12/12/2023, cục được kiện toàn.")
    assert (m.identifier, m.doc_type, m.system) == ("3255/QĐ-BCT", "quyet-dinh", "state")
    assert m.date == date(2023, 12, 12) and _issuers(m) == ["bo-cong-thuong"]


def test_official_letter_has_no_type_code() -> None:
    m = _one("Công văn số 5036/VPCP-KTTH ngày 20/7/2024 của Văn phòng Chính phủ về việc "
             "rà soát dự án đã được gửi các bộ.")
    assert (m.identifier, m.type_code, m.issuer_code, m.doc_type) == (
        "5036/VPCP-KTTH", None, "VPCP", "cong-van")
    assert _issuers(m) == ["van-phong-chinh-phu"]
    assert m.title is not None and m.title.text == "về việc rà soát dự án"


def test_law_symbol_needs_its_type_word() -> None:
    m = _one("Luật số 64/2025/QH15 về ban hành văn bản quy phạm pháp luật có hiệu lực.")
    assert (m.identifier, m.doc_type, m.type_code, m.issuer_code, m.year) == (
        "64/2025/QH15", "luat", None, "QH15", 2025)
    assert _issuers(m) == ["quoc-hoi"]
    found = _found("Văn bản 64/2025/QH15 đã có hiệu lực.")
    assert found.documents == []
    assert any("without a type word" in s for s in found.skipped)


def test_decimal_number_and_dotted_date() -> None:
    m = _one("Nghị quyết 66.7/2025/NQ-CP ngày 9.1.2025 của Chính phủ về cắt giảm thủ tục "
             "hành chính được ban hành kịp thời.")
    assert (m.identifier, m.number, m.date) == ("66.7/2025/NQ-CP", "66.7", date(2025, 1, 9))


def test_consolidated_text_and_joint_circular() -> None:
    docs = _docs("Văn bản hợp nhất số 03/VBHN-VPQH và Thông tư liên tịch số "
                 "03/2016/TTLT-BCT-BTC đều còn hiệu lực.")
    vbhn = _by_id(docs, "03/VBHN-VPQH")
    assert vbhn.doc_type == "van-ban-hop-nhat" and vbhn.type_code == "VBHN"
    ttlt = _by_id(docs, "03/2016/TTLT-BCT-BTC")
    assert ttlt.doc_type == "thong-tu-lien-tich" and ttlt.issuer_code == "BCT-BTC"
    assert _issuers(ttlt) == ["bo-cong-thuong", "bo-tai-chinh"]


# --------------------------------------------------------------------- malformed symbols


def test_state_shaped_party_symbols_are_rerouted() -> None:
    docs = _docs("Chi bộ học Nghị quyết số 61/NQ-TW ngày 12/4/2025 và Kết luận số 130/KL-TW "
                 "ngày 24/01/2025.")
    nq = docs[0]
    assert nq.identifier == "61-NQ/TW" and nq.system == "party"
    assert nq.surface_identifier is not None and nq.surface_identifier.text == "61/NQ-TW"
    assert docs[1].identifier == "130-KL/TW"


def test_party_shaped_decree_takes_the_year_of_its_date() -> None:
    m = _one("Nghị định số 41-NĐ/CP ngày 26 tháng 2 năm 2025 của Chính phủ được ban hành.")
    assert (m.identifier, m.year, m.system) == ("41/2025/NĐ-CP", 2025, "state")
    found = _found("Nghị định số 41-NĐ/CP là căn cứ sắp xếp.")
    assert found.documents == []
    assert any("without its year" in s for s in found.skipped)


@pytest.mark.parametrize(("text", "identifier"), [
    ("Nghị quyết số 18- NQ/TW được tổng kết.", "18-NQ/TW"),
    ("Nghị quyết 11–NQ/TW được tổng kết.", "11-NQ/TW"),
    ("Quyết định số 1206 /QĐ-HVTC được ký.", "1206/QĐ-HVTC"),
    ("Nghị quyết số 18－NQ／TW được tổng kết.", "18-NQ/TW"),  # full-width dash and slash
])
def test_stray_spaces_and_dashes(text: str, identifier: str) -> None:
    m = _one(text)
    assert m.identifier == identifier
    assert m.surface_identifier is not None and m.surface_identifier.text != identifier


def test_unknown_issuer_code_needs_a_type_word() -> None:
    assert _docs("Mã 1206/QĐ-HVTC được in trên bìa.") == []
    m = _one("Quyết định số 1206/QĐ-HVTC được ký.")
    assert m.system is None  # HVTC is in no code list: the system is not guessed


# --------------------------------------------------------------------- ASCII and English


def test_english_type_word() -> None:
    m = _one("Under Resolution 68-NQ/TW, the private sector is a driving force.")
    assert m.identifier == "68-NQ/TW" and m.doc_type == "nghi-quyet"


def test_ascii_codes_are_read_only_with_a_type_word() -> None:
    assert _one("Decree 70/2025/ND-CP took effect.").identifier == "70/2025/NĐ-CP"
    assert _one("Quyết định 243-QD/TW ngày 24/01/2025 được công bố.").identifier == "243-QĐ/TW"
    found = _found("Văn bản 243-QD/TW được nhắc lại, kèm 70/2025/ND-CP.")
    assert found.documents == []
    assert len(found.skipped) == 2


# --------------------------------------------------------------------- dates and issuers


def test_comma_before_the_date() -> None:
    m = _one("Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị về đại hội đảng bộ các cấp "
             "được quán triệt.")
    assert m.date == date(2025, 4, 14) and _issuers(m) == ["bo-chinh-tri"]


def test_comma_date_that_opens_the_next_clause_is_not_the_documents() -> None:
    m = _one("Theo Nghị quyết số 57-NQ/TW, ngày 5/1/2025 Bộ trưởng đã ký kế hoạch.")
    assert m.date is None and m.date_span is None


def test_date_without_year_is_left_out() -> None:
    found = _found("Chỉ thị số 46-CT/TW ngày 27/12 được phổ biến.")
    assert found.documents[0].date is None and found.documents[0].year is None
    assert any("without a year" in s for s in found.skipped)


def test_date_after_publication_is_left_out() -> None:
    found = _found("Kết luận số 150-KL/TW ngày 2/3/2030 được nhắc tới.", published=date(2025, 1, 1))
    assert found.documents[0].date is None and found.documents[0].year is None


def test_two_issuers() -> None:
    m = _one("Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư về sắp xếp "
             "bộ máy được triển khai.")
    assert _issuers(m) == ["bo-chinh-tri", "ban-bi-thu"]


def test_second_body_that_opens_the_next_clause_is_not_an_issuer() -> None:
    m = _one("Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị, Ban Bí thư đã chỉ đạo sát sao.")
    assert _issuers(m) == ["bo-chinh-tri"]


def test_issuer_and_term() -> None:
    m = _one("Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương khóa XII "
             "được sơ kết.")
    assert _issuers(m) == ["ban-chap-hanh-trung-uong-dang"] and m.term == "XII"
    assert m.span.text.endswith("khóa XII")


def test_plenum_after_the_date() -> None:
    m = _one("Chi bộ quán triệt Nghị quyết số 60/NQ-TW ngày 12/4/2025 Hội nghị lần thứ 11 Ban "
             "Chấp hành Trung ương Đảng.")
    assert m.plenum == 11 and _issuers(m) == ["ban-chap-hanh-trung-uong-dang"]


def test_coordinated_citations_share_a_trailing_issuer_and_subject() -> None:
    docs = _docs("Kết luận số 10-KL/TW ngày 1/2/2021 và Kết luận số 11-KL/TW ngày 3/2/2021 "
                 "của Bộ Chính trị, Ban Bí thư về công tác cán bộ được quán triệt.")
    first, second = docs
    assert _issuers(first) == _issuers(second) == ["bo-chinh-tri", "ban-bi-thu"]
    assert first.date == date(2021, 2, 1) and second.date == date(2021, 2, 3)
    assert first.title is not None and first.title.text == "về công tác cán bộ"
    assert first.span.text == "Kết luận số 10-KL/TW ngày 1/2/2021"  # issuer not in its span


def test_shared_issuer_must_be_able_to_sign_every_symbol() -> None:
    found = _found("Nghị quyết số 57-NQ/TW ngày 22/12/2024 và Nghị định số 13/2025/NĐ-CP "
                   "ngày 10/1/2025 của Chính phủ được triển khai.")
    assert _issuers(found.documents[0]) == []
    assert _issuers(found.documents[1]) == ["chinh-phu"]
    assert any("cannot sign" in s for s in found.skipped)


def test_shared_type_word_in_a_list_of_symbols() -> None:
    docs = _docs("Các Kết luận số 126-KL/TW và 127-KL/TW của Bộ Chính trị được phổ biến.")
    assert [d.doc_type for d in docs] == ["ket-luan", "ket-luan"]
    assert _issuers(docs[0]) == ["bo-chinh-tri"]


# --------------------------------------------------------------------- sentence subject


def test_sentence_subject_issues_the_document() -> None:
    m = _one("Theo đó, ngày 05/3/2021, Đảng ủy Bộ đã ban hành Công văn số 210-CV/ĐUB về tổ "
             "chức đại hội điểm.", orgs=(("Đảng ủy Bộ", "dang-uy-bo-tai-chinh"),))
    assert _issuers(m) == ["dang-uy-bo-tai-chinh"]
    assert m.date == date(2021, 3, 5)  # the sentence's date adverbial dates the issuing
    assert m.date_span is not None and m.date_span.text == "ngày 05/3/2021"


def test_subject_that_only_advises_does_not_issue() -> None:
    m = _one("Bộ Công Thương đã tham mưu ban hành Nghị định số 55/2024/NĐ-CP về quản lý điện.")
    assert _issuers(m) == ["chinh-phu"]  # from the code, not from the advising ministry


def test_subject_that_cannot_sign_the_symbol_is_not_the_issuer() -> None:
    found = _found("Chính phủ đã ban hành Quyết định số 80/QĐ-TTg về quy hoạch.")
    assert _issuers(found.documents[0]) == ["thu-tuong-chinh-phu"]  # TTg, not CP
    assert any("cannot sign" in s for s in found.skipped)


def test_subject_issues_an_enumerated_list_but_not_nested_citations() -> None:
    text = ("Đảng ủy Khối đã chủ động chỉ đạo, kịp thời thông qua việc ban hành các văn bản: "
            "(1) Kế hoạch số 20-KH/ĐUK ngày 3/2/2021 về thi đua, (2) Hướng dẫn số 7-HD/ĐUK "
            "ngày 4/3/2021 về kiểm tra; (3) Công văn số 90-CV/ĐUK ngày 5/4/2021 về việc thực "
            "hiện Chỉ thị số 10-CT/TW của Ban Bí thư về công tác dân vận.")
    docs = _docs(text, orgs=(("Đảng ủy Khối", "dang-uy-khoi-x"),))
    assert [_issuers(d) for d in docs] == [["dang-uy-khoi-x"]] * 3 + [["ban-bi-thu"]]
    letter = _by_id(docs, "90-CV/ĐUK")
    assert [(r.kind, docs[r.target].identifier) for r in letter.relations] == [
        ("implements", "10-CT/TW")]


def test_plan_issued_by_the_subject_implements_the_opening_citation() -> None:
    docs = _docs("Thực hiện Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương, "
                 "Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch triển khai thực hiện công tác "
                 "kiểm tra trong toàn Đảng bộ và chỉ đạo các cấp ủy.",
                 orgs=(("Ban Thường vụ Tỉnh ủy", "ban-thuong-vu-tinh-uy-x"),))
    plan = docs[1]
    assert plan.identifier is None and plan.doc_type == "ke-hoach" and plan.article_scoped
    assert plan.title is not None
    assert plan.title.text == "triển khai thực hiện công tác kiểm tra trong toàn Đảng bộ"
    assert _issuers(plan) == ["ban-thuong-vu-tinh-uy-x"]
    assert [(r.kind, r.target) for r in plan.relations] == [("implements", 0)]


def test_an_adjective_after_the_type_word_is_not_a_plan() -> None:
    assert _docs("Thủ tướng Chính phủ ban hành Quyết định phù hợp, giảm nhiều thủ tục.") == []


# --------------------------------------------------------------------- titles


def test_title_ends_at_the_next_citation_and_at_a_sub_unit() -> None:
    docs = _docs("Quy định số 58-QĐ/TW ngày 08/02/2022 về bảo vệ chính trị nội bộ, Quy định số "
                 "59-QĐ/TW về kiểm tra; Điều 5 Quy định số 58-QĐ/TW về trách nhiệm cá nhân.")
    first, second, third = docs
    assert first.title is not None and first.title.text == "về bảo vệ chính trị nội bộ"
    assert second.title is not None and second.title.text == "về kiểm tra"
    assert third.title is None  # "về …" after "Điều 5 …" is the article's subject


def test_title_stops_before_the_predicate() -> None:
    m = _one("Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị về đại hội đảng bộ các cấp "
             "đã được quán triệt sâu rộng.")
    assert m.title is not None and m.title.text == "về đại hội đảng bộ các cấp"


# --------------------------------------------------------------------- identity


def test_quy_dinh_and_quyet_dinh_share_the_code_but_the_type_word_decides() -> None:
    docs = _docs("Quy định số 231-QĐ/TW ngày 17/01/2025 khác với Quyết định số 243-QĐ/TW "
                 "ngày 24/01/2025.")
    assert [d.doc_type for d in docs] == ["quy-dinh", "quyet-dinh"]
    assert [d.type_code for d in docs] == ["QĐ", "QĐ"]


def test_party_symbol_of_two_terms_is_two_documents() -> None:
    docs = _docs("Nghị quyết số 18-NQ/TW ngày 25/10/2017 và Nghị quyết số 18-NQ/TW ngày "
                 "16/6/2022 đều được nhắc; Nghị quyết số 18-NQ/TW vẫn là trọng tâm.")
    groups = distinct_documents(docs)
    iris = {g.iri(IRIS, "t1") for g in groups}
    assert IRIS.document("TW", "NQ", 2017, "18") in iris
    assert IRIS.document("TW", "NQ", 2022, "18") in iris
    assert IRIS.document("TW", "NQ", None, "18") in iris  # two dated versions: undated stays
    assert docs[2].year is None


def test_undated_mention_joins_the_one_dated_version() -> None:
    docs = _docs("Quy định số 58-QĐ/TW ngày 08/02/2022 được áp dụng; Điều 19 Quy định số "
                 "58-QĐ/TW được nhắc lại.")
    assert docs[1].year == 2022 and docs[1].date is None and docs[1].date_span is None
    assert len(distinct_documents(docs)) == 1


def test_short_form_needs_one_full_citation() -> None:
    docs = _docs("Nghị quyết 57 được quán triệt sau khi Bộ Chính trị ban hành Nghị quyết số "
                 "57-NQ/TW ngày 22/12/2024.")
    assert docs[0].span.text == "Nghị quyết 57" and docs[0].identifier == "57-NQ/TW"
    assert docs[0].surface_identifier is None and docs[0].year == 2024
    assert _issuers(docs[1]) == ["bo-chinh-tri"]  # "Bộ Chính trị ban hành …"
    assert len(distinct_documents(docs)) == 1
    assert _docs("Nghị quyết 57 và Quy định 96 được nhắc tới.") == []


def test_relative_issuer_code_is_identified_with_its_body() -> None:
    with_body = _docs("Ban Thường vụ Đảng ủy Bộ đã ban hành Quyết định số 442-QĐ/ĐUB ngày "
                      "29/6/2022.", orgs=(("Ban Thường vụ Đảng ủy Bộ", "btv-dang-uy-bo-x"),))
    assert distinct_documents(with_body)[0].iri(IRIS, "t1") == IRIS.document(
        "btv-dang-uy-bo-x", "QĐ", 2022, "442")
    without = _docs("Quyết định số 442-QĐ/ĐUB ngày 29/6/2022 được thực hiện.")
    assert distinct_documents(without)[0].iri(IRIS, "t1").startswith(IRIS.article("t1"))


# --------------------------------------------------------------------- named documents


def test_laws_and_their_names() -> None:
    found = _found("Các bộ luật như Luật Điện lực, Luật Sử dụng năng lượng tiết kiệm và hiệu "
                   "quả, hay Bộ luật Lao động; Luật Phòng, chống tham nhũng năm 2018 và dự thảo "
                   "Luật Địa chất đang được lấy ý kiến.")
    names = [d.name for d in found.documents]
    assert names == ["Luật Điện lực", "Luật Sử dụng năng lượng tiết kiệm và hiệu quả",
                     "Bộ luật Lao động", "Luật Phòng, chống tham nhũng năm 2018"]


def test_statute_constitution_and_plenum_resolutions() -> None:
    docs = _docs("Theo điều lệ Đảng, Hiến pháp năm 2013, Nghị quyết Trung ương 4 và Nghị "
                 "quyết Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng (khóa XII).")
    statute, constitution, plenum4, plenum6 = docs
    assert statute.name == "Điều lệ Đảng" and statute.system == "party"
    assert constitution.name == "Hiến pháp năm 2013" and constitution.doc_type == "hien-phap"
    assert plenum4.plenum == 4 and plenum4.term is None and plenum4.article_scoped
    assert (plenum6.plenum, plenum6.term, plenum6.article_scoped) == (6, "XII", False)
    assert _issuers(plenum6) == ["ban-chap-hanh-trung-uong-dang"]
    iris = [g.iri(IRIS, "t1") for g in distinct_documents(docs)]
    assert IRIS.named_document("Điều lệ Đảng") in iris
    assert IRIS.named_document("Nghị quyết Trung ương 4", "t1") in iris


def test_congress_resolution() -> None:
    m = _one("Nghị quyết Đại hội XIII của Đảng đã xác định rõ mục tiêu.")
    assert m.name == "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
    assert m.term == "XIII" and not m.article_scoped


def test_singular_resolution_of_a_body_about_a_subject() -> None:
    m = _one("Quốc hội đã thông qua nhiều luật, hay Nghị quyết của Quốc hội về thí điểm cơ chế "
             "đặc thù cho thành phố, trong kỳ họp.")
    assert m.doc_type == "nghi-quyet" and m.article_scoped and _issuers(m) == ["quoc-hoi"]
    assert m.title is not None and m.title.text == "về thí điểm cơ chế đặc thù cho thành phố"
    assert m.span.text == "Nghị quyết của Quốc hội về thí điểm cơ chế đặc thù cho thành phố"


# --------------------------------------------------------------------- relations


@pytest.mark.parametrize(("text", "kind"), [
    ("Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số "
     "05-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập.", "implements"),
    ("Chính phủ đã ban hành Nghị định số 10/2025/NĐ-CP sửa đổi, bổ sung một số điều của Nghị "
     "định số 96/2022/NĐ-CP ngày 29/11/2022.", "amends"),
    ("Quyết định số 500/QĐ-TTg thay thế Quyết định số 428/QĐ-TTg ngày 18/3/2016.", "replaces"),
    ("Kế hoạch số 12-KH/TU về tổng kết 10 năm thực hiện Nghị quyết số 18-NQ/TW ngày "
     "25/10/2017 của Ban Chấp hành Trung ương.", "summarises"),
    ("Thông tư số 44/2025/TT-BCT hướng dẫn thi hành Nghị định số 96/2022/NĐ-CP.", "guides"),
    ("Hướng dẫn số 26-HD/TW ngày 18/10/2019 của Ban Tổ chức Trung ương một số nội dung Chỉ "
     "thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị.", "guides"),
])
def test_relation_stated_inside_the_subject(text: str, kind: str) -> None:
    docs = _docs(text)
    assert [(r.kind, r.target) for r in docs[0].relations] == [(kind, 1)]
    assert docs[1].relations == ()


def test_guidance_in_brackets() -> None:
    docs = _docs("Đảng ủy thực hiện Quy định số 126-QĐ/TW ngày 28/02/2018 (Hướng dẫn số "
                 "19-HD/BTCTW ngày 12/9/2019).")
    assert docs[0].relations == ()
    assert [(r.kind, r.target) for r in docs[1].relations] == [("guides", 0)]


def test_pursuant_to_opening_the_sentence() -> None:
    docs = _docs("Căn cứ Nghị định số 96/2022/NĐ-CP ngày 29/11/2022 của Chính phủ, Bộ Công "
                 "Thương đã ban hành Quyết định số 1234/QĐ-BCT ngày 2/6/2023 về tổ chức bộ máy.")
    assert [(r.kind, r.target) for r in docs[1].relations] == [("cites", 0)]
    assert _issuers(docs[1]) == ["bo-cong-thuong"]


def test_cue_without_a_second_citation_states_no_relation() -> None:
    m = _one("Đảng ủy tiến hành tổng kết thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017.")
    assert m.relations == ()


# --------------------------------------------------------------------- not citations


@pytest.mark.parametrize("text", [
    "Liên hệ số 024-3825-1234 hoặc 0912.345.678 để biết thêm.",
    "Ngày 22/12/2024 là một ngày quan trọng của tỉnh.",
    "Đảng ủy thực hiện nghiêm Điều 19 và khoản 2 của quy chế.",
    "Ban Chỉ đạo 35 đã họp phiên đầu tiên.",
    "Nhiệm kỳ 2020-2025 đạt nhiều kết quả, xem trang 5/10.",
    "Dịch COVID-19 và Covid-19 đã được kiểm soát.",
    "Thực hiện các nghị quyết, chỉ thị của Trung ương và các Nghị quyết của Đảng về kinh tế.",
    "Các Luật, Nghị định, Thông tư đã được rà soát; 16 Nghị định được ban hành.",
    "Luật sư Nguyễn Văn A tham dự; công ty tăng vốn điều lệ.",
    "Hội nghị Trung ương 8 khóa XIII đã bế mạc.",
    "Kết luận tại hội nghị, Bộ trưởng nhấn mạnh nhiều nội dung.",
])
def test_not_document_citations(text: str) -> None:
    assert _docs(text) == []


# --------------------------------------------------------------------- RDF statements


def _statements(text: str, orgs: tuple[tuple[str, str], ...] = ()) -> list:
    return list(statements(_found(text, orgs), IRIS))


def test_statements_carry_the_narrowest_span() -> None:
    sts = _statements("Nghị định số 41-NĐ/CP ngày 26/02/2025 của Chính phủ về tổ chức bộ máy "
                      "được ban hành.")
    doc = IRIS.document("CP", "NĐ", 2025, "41")
    by_predicate = {s.predicate: s for s in sts if s.subject == doc}
    assert by_predicate[DCTERMS + "identifier"].obj == "41/2025/NĐ-CP"
    assert by_predicate[DCTERMS + "identifier"].span.text == "41-NĐ/CP"
    assert by_predicate[ELI + "id_local"].obj == "41/2025/NĐ-CP"
    assert by_predicate[VG + "surfaceForm"].obj == "41-NĐ/CP"
    assert by_predicate[VG + "issuedOn"].obj == "2025-02-26"
    assert by_predicate[VG + "issuedOn"].span.text == "ngày 26/02/2025"
    assert by_predicate[VG + "year"].span.text == "ngày 26/02/2025"
    assert by_predicate[VG + "issuedBy"].obj == IRIS.organisation("chinh-phu")
    assert by_predicate[VG + "issuedBy"].span.text == "Chính phủ"
    assert by_predicate[VG + "title"].lang == "vi"
    assert by_predicate[VG + "documentType"].span.text == "Nghị định"
    assert by_predicate[RDFS_LABEL].obj == "Nghị định 41/2025/NĐ-CP"
    assert by_predicate[RDF_TYPE].obj == VG + "StateDocument"


def test_canonical_surface_has_no_surface_form_and_joined_year_is_not_asserted() -> None:
    sts = _statements("Quy định số 58-QĐ/TW ngày 08/02/2022 được áp dụng; Điều 19 Quy định số "
                      "58-QĐ/TW được nhắc lại.")
    assert not [s for s in sts if s.predicate == VG + "surfaceForm"]
    years = [s for s in sts if s.predicate == VG + "year"]
    assert len(years) == 1 and years[0].span.text == "ngày 08/02/2022"
    identifiers = [s for s in sts if s.predicate == DCTERMS + "identifier"]
    assert len(identifiers) == 2  # each mention states the symbol
    assert {s.subject for s in sts} == {IRIS.document("TW", "QĐ", 2022, "58")}


def test_conflicting_type_words_give_no_document_type() -> None:
    sts = _statements("Quy định số 244-QĐ/TW được dẫn, Quyết định số 244-QĐ/TW cũng vậy.")
    assert not [s for s in sts if s.predicate == VG + "documentType"]
    labels = {s.obj for s in sts if s.predicate == RDFS_LABEL}
    assert labels == {"244-QĐ/TW"}


def test_relation_statement_spans_both_citations() -> None:
    sts = _statements("Quy định số 126-QĐ/TW ngày 28/02/2018 (Hướng dẫn số 19-HD/BTCTW ngày "
                      "12/9/2019) được thực hiện.")
    rel = next(s for s in sts if s.predicate == VG + "guides")
    assert rel.subject == IRIS.document("BTCTW", "HD", 2019, "19")
    assert rel.obj == IRIS.document("TW", "QĐ", 2018, "126")
    assert rel.span.text.startswith("Quy định số 126") and rel.span.text.endswith("12/9/2019")


def test_label_of_a_named_document() -> None:
    found = _found("Đảng viên chấp hành Điều lệ Đảng.")
    docs = distinct_documents(found.documents)
    assert document_label(found.documents, docs[0]) == "Điều lệ Đảng"
    sts = list(statements(found, IRIS))
    assert {s.obj for s in sts if s.predicate == RDF_TYPE} == {VG + "PartyDocument"}


def test_statements_conform_to_the_document_shapes() -> None:
    """The facts of a varied text pass shapes/documents.ttl (with ontology/*.ttl loaded)."""
    pyshacl = pytest.importorskip("pyshacl")
    text = ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về khoa học; Nghị định số "
            "41-NĐ/CP ngày 26/02/2025 của Chính phủ; Công văn số 5036/VPCP-KTTH ngày 20/7/2024; "
            "Quy định số 126-QĐ/TW ngày 28/02/2018 (Hướng dẫn số 19-HD/BTCTW ngày 12/9/2019); "
            "Nghị quyết Trung ương 4; Luật Điện lực; Quy định số 58-QĐ/TW được nhắc lại.")
    data = Graph()
    for st in _statements(text):
        if st.is_iri:
            obj = URIRef(st.obj)
        elif st.lang:
            obj = Literal(st.obj, lang=st.lang)
        else:
            obj = Literal(st.obj, datatype=URIRef(st.datatype or XSD + "string"))
        data.add((URIRef(st.subject), URIRef(st.predicate), obj))
        if st.predicate == VG + "issuedBy":  # stand-in for the organisations' own facts
            data.add((URIRef(st.obj), URIRef(RDF_TYPE), URIRef(VG + "Organization")))
            data.add((URIRef(st.obj), URIRef(RDFS_LABEL), Literal("Cơ quan", lang="vi")))
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        data.parse(path)
    shapes = Graph()
    for name in ("core.ttl", "documents.ttl"):
        shapes.parse(SHAPES / name)
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=True)
    assert conforms, report
    # … and a broken fact is caught: two dates for one document
    data.add((URIRef(IRIS.document("TW", "NQ", 2024, "57")), URIRef(VG + "issuedOn"),
              Literal("2024-12-23", datatype=URIRef(XSD + "date"))))
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                      advanced=True, allow_warnings=True)
    assert not conforms


# --------------------------------------------------------------------- organisations


def test_a_name_resolved_elsewhere_in_the_article_is_reused() -> None:
    text = ("Kế hoạch số 155-KH/ĐUK ngày 10/10/2019 của Ban Thường vụ Đảng ủy Khối được ban "
            "hành. Sau đó Ban Thường vụ Đảng ủy Khối họp; Kế hoạch số 156-KH/ĐUK ngày 1/11/2019 "
            "của Ban Thường vụ Đảng ủy Khối Doanh nghiệp được gửi.")
    article = _article(text)
    found = Extraction(article)
    second = text.index("Ban Thường vụ Đảng ủy Khối họp")
    surface = "Ban Thường vụ Đảng ủy Khối"
    found.organisations.append(OrganisationMention(
        Span(second, second + len(surface), surface), "btv-khoi-x", surface, "party"))
    docs = extract(article, found)
    assert _issuers(docs[0]) == ["btv-khoi-x"]
    assert _issuers(docs[1]) == []  # "… Khối Doanh nghiệp" is another, longer name


def test_curated_name_wins_over_a_recognised_name_running_into_lower_case_words() -> None:
    text = "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị và hướng dẫn khác."
    article = _article(text)
    found = Extraction(article)
    start = text.index("Bộ Chính trị")
    wrong = "Bộ Chính trị và hướng dẫn"
    found.organisations.append(OrganisationMention(
        Span(start, start + len(wrong), wrong), "bo-chinh-tri-va-huong-dan", wrong, "party"))
    docs = extract(article, found)
    assert _issuers(docs[0]) == ["bo-chinh-tri"]


# --------------------------------------------------------------------- reference data


def test_document_types_are_the_agreed_slugs() -> None:
    from vietgov.extract.symbols import document_types

    expected = {
        "nghi-quyet", "chi-thi", "ket-luan", "quy-dinh", "quyet-dinh", "quyet-dinh-nhan-su",
        "quy-che", "huong-dan", "thong-bao", "thong-cao", "thong-tri", "thong-tu",
        "thong-tu-lien-tich", "nghi-dinh", "luat", "bo-luat", "phap-lenh", "lenh", "hien-phap",
        "dieu-le", "ke-hoach", "chuong-trinh", "de-an", "du-an", "phuong-an", "bao-cao",
        "bien-ban", "to-trinh", "cong-van", "cong-dien", "van-ban-hop-nhat"}
    types = document_types()
    assert set(types) == expected
    for doc_type in types.values():
        assert doc_type.words and doc_type.label_en
        assert doc_type.system in (None, "party", "state")


def test_document_types_match_the_code_list_in_the_ontology() -> None:
    from vietgov.extract.symbols import document_types

    path = ONTOLOGY / "document-types.ttl"
    if not path.exists():
        pytest.skip("ontology/document-types.ttl not written yet")
    graph = Graph().parse(path)
    concept = URIRef(SKOS + "Concept")
    prefix = "https://w3id.org/vietgov/code/document-type/"
    in_ontology = {str(s)[len(prefix):] for s in graph.subjects(URIRef(RDF_TYPE), concept)
                   if str(s).startswith(prefix)}
    assert in_ontology == set(document_types())


def test_type_codes_and_issuer_codes_do_not_collide() -> None:
    from vietgov.extract.symbols import document_types, issuer_codes

    type_codes = {c for t in document_types().values() for c in t.codes}
    assert not type_codes & set(issuer_codes())
    for row in issuer_codes().values():
        assert row.system in ("party", "state")
        assert not (row.unambiguous and row.relative)
        if row.unambiguous:
            assert row.body, row.code


def test_issuer_code_bodies_are_gazetteer_ids() -> None:
    """Bodies named by a code are looked up in the gazetteer; print those it lacks."""
    from vietgov.extract.symbols import issuer_codes
    from vietgov.gazetteer import bodies
    from vietgov.rdf.iris import slug

    missing = []
    for row in issuer_codes().values():
        if row.body:
            assert row.body == slug(row.name), row.code  # ids are slugs of the name
            if row.body not in bodies():
                missing.append(row.body)
    print(f"issuer-code bodies not (yet) in the gazetteer: {missing}")
    assert len(missing) < len([r for r in issuer_codes().values() if r.body])


def test_curated_issuers_come_with_their_reference_facts() -> None:
    """An issuer read from a symbol code still reaches a typed, labelled organisation."""
    sts = _statements("Hướng dẫn số 19-HD/BTCTW ngày 12/9/2019 được áp dụng.")
    org = IRIS.organisation("ban-to-chuc-trung-uong")
    assert any(s.predicate == VG + "issuedBy" and s.obj == org for s in sts)
    reference = [s for s in sts if s.subject == org]
    assert any(s.predicate == RDF_TYPE for s in reference)
    assert all(s.span is None and s.source for s in reference)


# --------------------------------------------------------------------- laws with commas, revised
# and amending laws, issuers signed by a body's head, trailing and purpose relations


@pytest.mark.parametrize(("text", "name"), [
    ("Quốc hội đã thông qua Luật Phòng, chống thiên tai năm 2013.",
     "Luật Phòng, chống thiên tai năm 2013"),
    ("Tỉnh quán triệt Luật Viên chức, người lao động và Luật Đất đai.",
     "Luật Viên chức, người lao động"),
    ("Quốc hội thông qua Luật Khoa học, công nghệ và chuyển đổi số cùng Luật Đầu tư.",
     "Luật Khoa học, công nghệ và chuyển đổi số"),
])
def test_a_law_name_runs_over_a_comma_to_a_boundary(text: str, name: str) -> None:
    assert name in [d.name for d in _docs(text)]


@pytest.mark.parametrize("text", [
    "Theo Luật Đầu tư, doanh nghiệp phải đăng ký dự án.",
    "Căn cứ Luật Đất đai, địa phương cần rà soát quỹ đất.",
])
def test_a_clause_after_a_comma_is_not_part_of_the_law_name(text: str) -> None:
    found = _found(text)
    assert not any(d.name and "," in d.name for d in found.documents)


def test_a_numbered_law_written_with_its_name() -> None:
    m = _one("Luật Thi đua, khen thưởng số 06/2022/QH15 có hiệu lực từ năm 2024.")
    assert (m.identifier, m.doc_type, m.year) == ("06/2022/QH15", "luat", 2022)
    assert m.span.text == "Luật Thi đua, khen thưởng số 06/2022/QH15"
    assert m.type_word is not None and m.type_word.text == "Luật"


def test_a_revised_law_is_its_own_document_scoped_to_the_article() -> None:
    revised, in_force = _docs("Quốc hội thảo luận Luật Đất đai (sửa đổi). Luật Đất đai hiện hành "
                              "còn nhiều vướng mắc.")
    assert (revised.name, revised.article_scoped) == ("Luật Đất đai (sửa đổi)", True)
    assert (in_force.name, in_force.article_scoped) == ("Luật Đất đai", False)
    iris = {g.iri(IRIS, "t1") for g in distinct_documents([revised, in_force])}
    assert len(iris) == 2


def test_an_amending_law_amends_the_law_it_names() -> None:
    docs = _docs("Quốc hội biểu quyết Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch "
                 "đô thị. Luật Quy hoạch đô thị được ban hành năm 2009.")
    amending, amended, later = docs
    assert amending.name == "Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch đô thị"
    assert amending.article_scoped
    assert amended.name == later.name == "Luật Quy hoạch đô thị"
    assert [(r.kind, r.target, r.cue.text) for r in amending.relations] == [
        ("amends", 1, "sửa đổi, bổ sung")]


def test_a_head_of_a_body_signs_in_the_bodys_name() -> None:
    body = "Ủy ban nhân dân tỉnh Quảng Trị"
    m = _one(f"Quyết định số 88/QĐ-UBND ngày 3/1/2025 của Chủ tịch {body} về giao đất.",
             orgs=((body, "ubnd-quang-tri"),))
    assert _issuers(m) == ["ubnd-quang-tri"]
    assert m.span.text.endswith(f"của Chủ tịch {body}")
    assert distinct_documents([m])[0].iri(IRIS, "t1") == IRIS.document(
        "ubnd-quang-tri", "QĐ", 2025, "88")


def test_a_head_of_a_body_whose_code_the_symbol_does_not_carry_is_no_issuer() -> None:
    body = "Ủy ban nhân dân tỉnh Quảng Trị"
    found = _found(f"Quyết định số 88-QĐ/TU ngày 3/1/2025 của Chủ tịch {body} về giao đất.",
                   orgs=((body, "ubnd-quang-tri"),))
    (m,) = found.documents
    assert m.issuers == ()
    assert any("head of a body" in s for s in found.skipped)


def test_a_trailing_clause_states_the_relation_of_the_issued_document() -> None:
    docs = _docs("Chính phủ vừa ban hành Nghị định số 12/2025/NĐ-CP ngày 3/3/2025 quy định về "
                 "đăng ký doanh nghiệp, thay thế Nghị định số 30/2019/NĐ-CP của Chính phủ.")
    new, old = docs
    assert new.title is not None and new.title.text == "quy định về đăng ký doanh nghiệp"
    assert [(r.kind, r.target) for r in new.relations] == [("replaces", 1)]
    assert old.relations == ()


def test_a_trailing_clause_after_a_document_no_sentence_is_about_states_nothing() -> None:
    docs = _docs("Bộ đề xuất sửa Nghị định số 12/2025/NĐ-CP, thay thế Nghị định số "
                 "30/2019/NĐ-CP.")
    assert all(d.relations == () for d in docs)


def test_this_decree_is_the_one_just_cited() -> None:
    docs = _docs("Chế độ thực hiện theo Nghị định số 15/2020/NĐ-CP và Nghị định số "
                 "20/2024/NĐ-CP sửa đổi, bổ sung nghị định này.")
    assert [(r.kind, r.target) for r in docs[1].relations] == [("amends", 0)]
    assert docs[0].relations == ()


def test_a_purpose_clause_links_the_issued_document_to_what_it_implements() -> None:
    found = _found("Thủ tướng Chính phủ vừa ban hành Quyết định số 99/QĐ-TTg ngày 2/4/2025 về "
                   "chuyển đổi số. Việc ban hành Quyết định nhằm triển khai Nghị quyết số "
                   "10/NQ-CP ngày 1/2/2025 của Chính phủ về kinh tế số và thực hiện tinh thần "
                   "Kết luận số 50-KL/TW của Bộ Chính trị.")
    docs = found.documents
    ref = next(d for d in docs if d.span.text == "Quyết định")
    assert ref.identifier == "99/QĐ-TTg"
    targets = [(r.kind, docs[r.target].identifier) for r in ref.relations]
    assert targets == [("implements", "10/NQ-CP"), ("implements", "50-KL/TW")]
    resolution = _by_id(docs, "10/NQ-CP")
    assert resolution.title is not None and resolution.title.text == "về kinh tế số"
    assert len({g.iri(IRIS, "t1") for g in distinct_documents(docs)}) == 3


def test_a_type_word_alone_is_not_resolved_among_two_issued_documents() -> None:
    docs = _docs("Bộ vừa ban hành Thông tư số 01/2025/TT-BTC và Thông tư số 02/2025/TT-BTC. Việc "
                 "ban hành Thông tư nhằm cụ thể hóa Nghị định số 10/2025/NĐ-CP.")
    assert all(d.relations == () for d in docs)
    assert not any(d.span.text == "Thông tư" for d in docs)


def test_old_tone_placement_of_a_cue_is_folded() -> None:
    docs = _docs("Bộ vừa ban hành Thông tư số 01/2025/TT-BTC. Thông tư số 01/2025/TT-BTC nhằm cụ "
                 "thể hoá Nghị định số 10/2025/NĐ-CP.")
    assert [(r.kind, r.cue.text) for d in docs for r in d.relations] == [
        ("implements", "cụ thể hoá")]
