"""The organisations extractor, its RDF statements, and the shapes that check them.

Every sentence here is written for the test (none comes from the sample articles).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from vietgov.extract.organisations import (
    OrganisationChange,
    OrganisationRelation,
    extract,
    organisation_at,
    organisations_within,
)
from vietgov.model import Article, Extraction, OrganisationMention, Statement
from vietgov.paths import ONTOLOGY, SHAPES
from vietgov.rdf import organisations as rdf_organisations
from vietgov.rdf.iris import Iris
from vietgov.reading.articles import read_article

VG = Namespace("https://w3id.org/vietgov/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
IRIS = Iris()


def _article(tmp_path: Path, *paragraphs: str) -> Article:
    path = tmp_path / "901.txt"
    path.write_text("Tin thử nghiệm\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    return read_article(path)


def _found(tmp_path: Path, *paragraphs: str) -> Extraction:
    article = _article(tmp_path, *paragraphs)
    found = Extraction(article)
    found.organisations = extract(article, found)
    return found


def _by_text(found: Extraction) -> dict[str, OrganisationMention]:
    return {m.span.text: m for m in found.organisations}


def _relations(found: Extraction) -> set[tuple[str, str, str]]:
    return {(r.kind, r.child, r.parent) for r in found.relations
            if isinstance(r, OrganisationRelation)}


def _changes(found: Extraction) -> list[OrganisationChange]:
    return [c for c in found.relations if isinstance(c, OrganisationChange)]


# --------------------------------------------------------------------------------------
#  Recognition
# --------------------------------------------------------------------------------------


def test_spans_point_into_the_stored_text(tmp_path: Path) -> None:
    found = _found(tmp_path, "Đảng uỷ Bộ Y tế và Uỷ ban nhân dân tỉnh Gia Lai đã làm việc.")
    assert found.organisations
    for m in found.organisations:
        assert found.article.text[m.span.start:m.span.end] == m.span.text
    mentions = _by_text(found)
    assert mentions["Đảng uỷ Bộ Y tế"].key == "dang-uy-bo-y-te"  # tone placement folded
    assert mentions["Uỷ ban nhân dân tỉnh Gia Lai"].province == "gia-lai"


def test_titles_and_meetings_are_not_organisations(tmp_path: Path) -> None:
    found = _found(tmp_path, "Bộ trưởng Bộ Y tế chủ trì Hội nghị sơ kết; Phó Vụ trưởng Vụ Pháp chế "
                             "phát biểu. Bộ tứ giải pháp được nêu.")
    texts = {m.span.text for m in found.organisations}
    assert texts == {"Bộ Y tế", "Vụ Pháp chế"}


def test_a_person_name_ends_an_organisation_name(tmp_path: Path) -> None:
    found = _found(tmp_path, "Giám đốc Sở Xây dựng tỉnh Bắc Ninh Nguyễn Văn Hùng và Vụ trưởng "
                             "Vụ Hợp tác quốc tế Trần Thị Mai cùng dự.")
    mentions = _by_text(found)
    assert mentions["Sở Xây dựng tỉnh Bắc Ninh"].province == "bac-ninh"
    assert mentions["Vụ Hợp tác quốc tế"].name == "Vụ Hợp tác quốc tế"
    assert not any("Nguyễn" in t or "Trần" in t for t in mentions)


def test_capitalisation_and_connectors(tmp_path: Path) -> None:
    found = _found(tmp_path, "Trung tâm Dữ liệu và Thông tin đã ra mắt; Cục Kiểm soát, Đánh giá và "
                             "Thẩm định phối hợp; Đảng bộ Khối các cơ quan tỉnh Nghệ An họp.")
    names = {m.name for m in found.organisations}
    assert "Trung tâm Dữ liệu và Thông tin" in names
    assert "Cục Kiểm soát, Đánh giá và Thẩm định" in names
    assert "Đảng bộ Khối các cơ quan tỉnh Nghệ An" in names


def test_a_name_whose_end_is_unsure_is_skipped(tmp_path: Path) -> None:
    found = _found(tmp_path, "Tập đoàn Hóa chất Sông Đà vươn lên mạnh mẽ.")
    assert found.organisations == []
    assert any("unsure" in s for s in found.skipped)


def test_a_verb_at_the_end_of_a_sentence_is_not_taken_into_a_name(tmp_path: Path) -> None:
    found = _found(tmp_path, "Sau đó, Cục Quản lý thị trường soạn thảo. Vụ Pháp chế đã góp ý.")
    names = {m.name for m in found.organisations}
    assert names == {"Vụ Pháp chế"}
    assert any("Cục Quản" in s for s in found.skipped)


def test_a_list_of_bodies_is_not_one_name(tmp_path: Path) -> None:
    found = _found(tmp_path, "Báo Nhân dân, Tạp chí Cộng sản và Cục Báo chí cùng đưa tin.")
    names = {m.name for m in found.organisations}
    assert {"Báo Nhân dân", "Tạp chí Cộng sản", "Cục Báo chí"} <= names
    assert not any(" và " in n for n in names)


def test_local_bodies_from_provinces(tmp_path: Path) -> None:
    found = _found(tmp_path, "Tỉnh ủy Quảng Trị, UBND thành phố Cần Thơ và HĐND tỉnh Lào Cai họp.")
    mentions = _by_text(found)
    assert mentions["Tỉnh ủy Quảng Trị"].kind == "party"
    assert mentions["UBND thành phố Cần Thơ"].name == "Ủy ban nhân dân thành phố Cần Thơ"
    assert mentions["HĐND tỉnh Lào Cai"].province == "lao-cai"


def test_a_curated_name_is_not_stretched_by_a_coordination(tmp_path: Path) -> None:
    found = _found(tmp_path, "Bộ Quốc phòng và Hướng dẫn thi hành được gửi đi.")
    assert [m.key for m in found.organisations] == ["bo-quoc-phong"]


def test_prime_minister_before_a_name_is_a_title(tmp_path: Path) -> None:
    found = _found(tmp_path, "Thủ tướng Chính phủ Lê Văn A ký quyết định của Thủ tướng Chính phủ.")
    prime = [m for m in found.organisations if m.key == "thu-tuong-chinh-phu"]
    assert len(prime) == 1 and prime[0].span.start > found.article.text.index("ký")


# --------------------------------------------------------------------------------------
#  Short forms
# --------------------------------------------------------------------------------------


def test_short_forms_resolve_to_the_body_named_before(tmp_path: Path) -> None:
    found = _found(tmp_path, "Bộ Y tế tổ chức hội nghị. Đảng ủy Bộ đã ban hành nghị quyết; "
                             "Ban Thường vụ Đảng ủy Bộ phân công cán bộ. Bộ cũng báo cáo.")
    mentions = _by_text(found)
    assert mentions["Đảng ủy Bộ"].name == "Đảng ủy Bộ Y tế"
    assert mentions["Đảng ủy Bộ"].short_form
    assert mentions["Ban Thường vụ Đảng ủy Bộ"].key == "ban-thuong-vu-dang-uy-bo-y-te"
    assert mentions["Bộ"].key == "bo-y-te"
    assert ("sub-organisation", "ban-thuong-vu-dang-uy-bo-y-te", "dang-uy-bo-y-te") \
        in _relations(found)


def test_politburo_is_not_a_ministry(tmp_path: Path) -> None:
    found = _found(tmp_path, "Bộ Chính trị đã kết luận. Bộ đã triển khai ngay.")
    assert {m.key for m in found.organisations} == {"bo-chinh-tri"}
    assert any("no compatible body" in s for s in found.skipped)


def test_an_unsure_short_form_is_skipped(tmp_path: Path) -> None:
    found = _found(tmp_path, "Bộ Tài chính đã họp.", "Bộ Xây dựng cũng họp.", "Bộ đã thống nhất.")
    assert all(m.span.text != "Bộ" for m in found.organisations)
    assert any("ambiguous" in s for s in found.skipped)


def test_the_nearest_body_in_the_same_paragraph(tmp_path: Path) -> None:
    found = _found(tmp_path, "Bộ Tài chính họp.", "Bộ Xây dựng phối hợp và Bộ đã thống nhất.")
    assert _by_text(found)["Bộ"].key == "bo-xay-dung"


def test_plural_heads_are_generic(tmp_path: Path) -> None:
    found = _found(tmp_path, "Đảng ủy Bộ Công an chỉ đạo các Đảng ủy trực thuộc.")
    assert [m.span.text for m in found.organisations] == ["Đảng ủy Bộ Công an", "Bộ Công an"]


def test_a_bloc_committee_and_its_party_organisation(tmp_path: Path) -> None:
    found = _found(tmp_path, "Đảng bộ Khối Doanh nghiệp tỉnh Đồng Nai có 90 tổ chức đảng. "
                             "Ban Thường vụ Đảng ủy Khối đã họp.")
    mentions = _by_text(found)
    committee = mentions["Đảng ủy Khối"]
    assert committee.name == "Đảng ủy Khối Doanh nghiệp tỉnh Đồng Nai"
    assert ("sub-organisation", committee.key, "dang-bo-khoi-doanh-nghiep-tinh-dong-nai") \
        in _relations(found)


def test_executive_committee_of_a_party_organisation_is_its_committee(tmp_path: Path) -> None:
    found = _found(tmp_path, "Đảng bộ Bộ Ngoại giao họp; Ban Chấp hành Đảng bộ Bộ đã thống nhất.")
    assert _by_text(found)["Ban Chấp hành Đảng bộ Bộ"].key == "dang-uy-bo-ngoai-giao"


def test_swapped_coordination_is_one_body(tmp_path: Path) -> None:
    found = _found(tmp_path, "Viện Khoa học và Công nghệ Mỏ họp. Viện Công nghệ và Khoa học Mỏ dự.")
    keys = {m.key for m in found.organisations}
    assert len(keys) == 1


# --------------------------------------------------------------------------------------
#  Structure
# --------------------------------------------------------------------------------------


def test_party_organisation_and_organs_from_names(tmp_path: Path) -> None:
    found = _found(tmp_path, "Đảng bộ Cục Hàng không Việt Nam và Ủy ban Kiểm tra Đảng ủy Bộ "
                             "Quốc phòng đã làm việc.")
    rels = _relations(found)
    assert ("party-organisation", "dang-bo-cuc-hang-khong-viet-nam",
            "cuc-hang-khong-viet-nam") in rels
    assert ("sub-organisation", "uy-ban-kiem-tra-dang-uy-bo-quoc-phong",
            "dang-uy-bo-quoc-phong") in rels
    assert ("party-organisation", "dang-uy-bo-quoc-phong", "bo-quoc-phong") in rels


def test_apposition_cue_and_lists(tmp_path: Path) -> None:
    found = _found(tmp_path, "Vụ Bảo hiểm y tế, Bộ Y tế chủ trì. Viện Dinh dưỡng trực thuộc "
                             "Bộ Y tế cũng dự.", "Bộ Y tế giao Văn phòng Bộ, Vụ Pháp chế và "
                             "Cục Quản lý Dược cùng soạn thảo.")
    rels = _relations(found)
    assert ("sub-organisation", "vu-bao-hiem-y-te", "bo-y-te") in rels
    assert ("sub-organisation", "vien-dinh-duong", "bo-y-te") in rels
    for unit in ("van-phong-bo-y-te", "vu-phap-che", "cuc-quan-ly-duoc"):
        assert ("sub-organisation", unit, "bo-y-te") in rels
    mention = _by_text(found)["Vụ Pháp chế"]
    assert mention.parent_key == "bo-y-te"


def test_no_apposition_inside_a_list_of_bodies(tmp_path: Path) -> None:
    found = _found(tmp_path, "Vụ Pháp chế, Bộ Tài chính và Bộ Tư pháp cùng góp ý.")
    assert not _relations(found)


def test_reported_changes(tmp_path: Path) -> None:
    found = _found(tmp_path, "Ngày 1/3/2025, Bộ Giao thông vận tải sáp nhập vào Bộ Xây dựng. "
                             "Bộ Tài chính đã giải thể 3 phòng. Trung tâm Tin học bị giải thể. "
                             "Ban Kinh tế Trung ương được đổi tên thành Ban Chính sách, chiến lược "
                             "Trung ương. Bộ Nội vụ chuyển Đảng bộ Tổng công ty Lương thực miền "
                             "Nam về trực thuộc Đảng ủy Bộ Tài chính. Năm nay, Bộ Y tế quyết định "
                             "thành lập Trung tâm Kiểm soát Bệnh tật.")
    changes = {c.kind: c for c in _changes(found)}
    assert set(changes) == {"merger", "dissolution", "renaming", "transfer", "founding"}
    merger = changes["merger"]
    assert (merger.original, merger.resulting) == (("bo-giao-thong-van-tai",), ("bo-xay-dung",))
    assert merger.date == date(2025, 3, 1)
    assert changes["dissolution"].original == ("trung-tam-tin-hoc",)
    assert changes["renaming"].resulting == ("ban-chinh-sach-chien-luoc-trung-uong",)
    assert changes["transfer"].transferred_to == "dang-uy-bo-tai-chinh"
    assert changes["founding"].resulting == ("trung-tam-kiem-soat-benh-tat",)


def test_generic_changes_are_not_reported(tmp_path: Path) -> None:
    found = _found(tmp_path, "Đảng ủy Bộ Công an đã giải thể 05 tổ chức đảng và thành lập các "
                             "chi bộ mới.")
    assert _changes(found) == []


# --------------------------------------------------------------------------------------
#  Where a name ends: verbs, whole name parts, quantifiers
# --------------------------------------------------------------------------------------


def test_a_verb_after_a_committee_without_its_place_is_not_taken_in(tmp_path: Path) -> None:
    found = _found(tmp_path, "Thành ủy Cần Thơ họp sáng nay. Quyết định của Ban Thường vụ "
                             "Thành ủy cử đồng chí Đỗ Văn Tâm về cơ sở.")
    board = _by_text(found)["Ban Thường vụ Thành ủy"]
    assert board.key == "ban-thuong-vu-thanh-uy-can-tho" and board.short_form
    assert not any(" cử" in m.span.text for m in found.organisations)


def test_a_department_named_after_a_ministry_ends_before_a_verb(tmp_path: Path) -> None:
    found = _found(tmp_path, "Phó Giám đốc Sở Y tế cử chuyên gia vào Hội đồng Thẩm định.",
                   "Ông Lý Văn Hai, Giám đốc Sở Nội vụ thẩm định, góp ý.")
    assert [m.name for m in found.organisations if m.name.startswith("Sở")] == \
        ["Sở Y tế", "Sở Nội vụ"]
    assert not any(" cử" in m.name or "thẩm" in m.name for m in found.organisations)


def test_a_lower_case_stretch_before_a_head_word_is_left_out(tmp_path: Path) -> None:
    """A verb and its object: "… giới thiệu Ban …" is not part of the name."""
    found = _found(tmp_path, "Ông Tạ Văn Khôi, Phó Vụ trưởng Vụ Thi đua giới thiệu Ban Biên tập.")
    assert not any("giới" in m.span.text for m in found.organisations)
    assert any("Vụ Thi" in s and "unsure" in s for s in found.skipped)


def test_a_province_or_a_unit_name_ends_a_name_before_any_verb(tmp_path: Path) -> None:
    found = _found(tmp_path, "Ủy ban nhân dân tỉnh Sóc Trăng điều hành buổi làm việc; Trung tâm "
                             "Kiểm soát bệnh tật tỉnh Cà Mau báo cáo. Cơ quan Cảnh sát điều tra "
                             "Công an tỉnh Cà Mau khởi tố vụ án; cơ quan điều tra đang xác minh.")
    mentions = _by_text(found)
    assert mentions["Ủy ban nhân dân tỉnh Sóc Trăng"].province == "soc-trang"
    assert "Trung tâm Kiểm soát bệnh tật tỉnh Cà Mau" in mentions
    police = mentions["Cơ quan Cảnh sát điều tra Công an tỉnh Cà Mau"]
    assert police.kind == "state"
    assert not any(m.span.text.startswith("cơ quan") for m in found.organisations)


def test_the_investigation_body_of_a_ministry(tmp_path: Path) -> None:
    found = _found(tmp_path, "Hồ sơ được chuyển sang Cơ quan An ninh điều tra Bộ Công an xử lý.")
    unit = _by_text(found)["Cơ quan An ninh điều tra Bộ Công an"]
    assert unit.parent_key == "bo-cong-an"
    assert ("sub-organisation", unit.key, "bo-cong-an") in _relations(found)


def test_a_name_followed_by_a_quantifier_is_a_kind_of_body(tmp_path: Path) -> None:
    found = _found(tmp_path, "Hội Nông dân các xã vùng cao đã họp. Sở Tư pháp những địa phương "
                             "này báo cáo. Hội Nông dân Việt Nam dự.")
    assert [m.key for m in found.organisations] == ["hoi-nong-dan-viet-nam"]
    assert sum("a kind of body" in s for s in found.skipped) == 2


def test_a_committee_members_title_is_no_organisation(tmp_path: Path) -> None:
    found = _found(tmp_path, "Ông Hà Văn Lộc, Tỉnh ủy viên, dự họp tại tỉnh Phú Thọ.")
    assert found.organisations == []


# --------------------------------------------------------------------------------------
#  Local bodies: without their place, below the province
# --------------------------------------------------------------------------------------


def test_a_committee_without_its_place_is_the_one_named_in_full(tmp_path: Path) -> None:
    found = _found(tmp_path, "Ban Thường vụ Tỉnh uỷ họp phiên thường kỳ.",
                   "Sáng 3/9, Tỉnh ủy Lào Cai đã tổng kết; Ban Tổ chức Tỉnh ủy trình đề án "
                   "và Bí thư Tỉnh ủy Vương Văn Hào kết luận.")
    mentions = [m for m in found.organisations if m.key == "ban-thuong-vu-tinh-uy-lao-cai"]
    assert len(mentions) == 1 and mentions[0].span.start < found.article.text.index("Sáng")
    assert mentions[0].name == "Ban Thường vụ Tỉnh ủy Lào Cai"
    organ = _by_text(found)["Ban Tổ chức Tỉnh ủy"]
    assert organ.key == "ban-to-chuc-tinh-uy-lao-cai" and organ.kind == "party"
    assert ("sub-organisation", organ.key, "tinh-uy-lao-cai") in _relations(found)
    assert sum(m.key == "tinh-uy-lao-cai" and m.short_form for m in found.organisations) == 3


def test_a_committee_without_its_place_is_skipped_when_two_are_named(tmp_path: Path) -> None:
    found = _found(tmp_path, "Thành ủy Hải Phòng và Thành ủy Đà Nẵng ký kết chương trình. "
                             "Ban Thường vụ Thành ủy đã thống nhất.")
    assert {m.key for m in found.organisations} == {"thanh-uy-hai-phong", "thanh-uy-da-nang"}
    assert any("ambiguous" in s for s in found.skipped)


def test_a_council_without_its_province_takes_the_one_province_named(tmp_path: Path) -> None:
    found = _found(tmp_path, "Tại tỉnh Quảng Trị, Chủ tịch HĐND tỉnh Lê Văn Nam chủ trì kỳ họp; "
                             "Văn phòng HĐND tỉnh chuẩn bị tài liệu.")
    council = _by_text(found)["HĐND tỉnh"]
    assert council.name == "Hội đồng nhân dân tỉnh Quảng Trị" and council.short_form
    assert council.province == "quang-tri"
    office = _by_text(found)["Văn phòng HĐND tỉnh"]
    assert office.key == "van-phong-hoi-dong-nhan-dan-tinh-quang-tri"


def test_a_local_short_form_is_skipped_without_one_province(tmp_path: Path) -> None:
    found = _found(tmp_path, "Đoàn công tác tỉnh Nghệ An làm việc với tỉnh Hà Tĩnh; Chủ tịch "
                             "UBND tỉnh phát biểu. UBND thành phố cũng dự.")
    assert found.organisations == []
    assert any("no single province" in s for s in found.skipped)
    found = _found(tmp_path, "Tại tỉnh Quảng Trị, UBND thành phố đã họp.")
    assert found.organisations == []
    assert any("is no city" in s for s in found.skipped)


def test_the_bodies_of_every_province_are_not_one_body(tmp_path: Path) -> None:
    found = _found(tmp_path, "Tại tỉnh Quảng Bình, UBND tỉnh, thành phố trực thuộc Trung ương "
                             "và các Tỉnh ủy, Thành ủy được đề nghị rà soát.")
    assert found.organisations == []


def test_a_unit_office_takes_the_committee_named_in_full(tmp_path: Path) -> None:
    found = _found(tmp_path, "Ủy ban nhân dân tỉnh Tây Ninh giao Văn phòng UBND tỉnh soạn thảo; "
                             "Chủ tịch UBND tỉnh Phan Văn Mười ký.")
    office = _by_text(found)["Văn phòng UBND tỉnh"]
    assert office.name == "Văn phòng Ủy ban nhân dân tỉnh Tây Ninh"
    assert ("sub-organisation", office.key, "uy-ban-nhan-dan-tinh-tay-ninh") in _relations(found)
    assert _by_text(found)["UBND tỉnh"].key == "uy-ban-nhan-dan-tinh-tay-ninh"


def test_the_executive_committee_of_a_provincial_party_organisation(tmp_path: Path) -> None:
    found = _found(tmp_path, "Đảng bộ tỉnh Sơn La tổng kết nhiệm kỳ; Ban Chấp hành Đảng bộ tỉnh "
                             "khóa mới ra mắt.")
    assert _by_text(found)["Ban Chấp hành Đảng bộ tỉnh"].key == "tinh-uy-son-la"
    assert _by_text(found)["Đảng bộ tỉnh"].key == "dang-bo-tinh-son-la"


def test_bodies_of_communes_wards_and_districts(tmp_path: Path) -> None:
    found = _found(tmp_path, "Bí thư Đảng ủy xã Phú Lộc Nguyễn Văn An và Chủ tịch UBND phường 3 "
                             "dự; Đảng ủy xã đã họp. Huyện ủy Mường Tè chỉ đạo, Ban Thường vụ "
                             "Huyện ủy phân công cán bộ.")
    mentions = _by_text(found)
    assert mentions["Đảng ủy xã Phú Lộc"].kind == "party"
    assert mentions["UBND phường 3"].name == "Ủy ban nhân dân phường 3"
    assert mentions["Ban Thường vụ Huyện ủy"].key == "ban-thuong-vu-huyen-uy-muong-te"
    assert not any("Nguyễn" in t for t in mentions)
    assert "Đảng ủy xã" not in mentions


# --------------------------------------------------------------------------------------
#  Abbreviations, kinds, offices
# --------------------------------------------------------------------------------------


def test_abbreviated_and_full_names_are_one_body(tmp_path: Path) -> None:
    found = _found(tmp_path, "Hội CCB Việt Nam phối hợp với Ủy ban Trung ương MTTQ Việt Nam. "
                             "Sau đó, Hội Cựu chiến binh Việt Nam và Ủy ban Trung ương Mặt trận "
                             "Tổ quốc Việt Nam ký kết; Ủy ban MTTQ Việt Nam tỉnh Hòa Bình và Ủy "
                             "ban Mặt trận Tổ quốc Việt Nam tỉnh Hòa Bình cũng dự.")
    mentions = _by_text(found)
    assert mentions["Hội CCB Việt Nam"].key == mentions["Hội Cựu chiến binh Việt Nam"].key \
        == "hoi-cuu-chien-binh-viet-nam"
    front = mentions["Ủy ban Trung ương MTTQ Việt Nam"]
    assert front.key == mentions["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"].key
    assert front.name == "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam" and front.kind == "mass"
    local = mentions["Ủy ban MTTQ Việt Nam tỉnh Hòa Bình"]
    assert local.key == mentions["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hòa Bình"].key


def test_an_organ_takes_the_kind_of_its_body(tmp_path: Path) -> None:
    found = _found(tmp_path, "Ban Thường vụ Hội Liên hiệp Thanh niên tỉnh Yên Bái họp; Ban Chấp "
                             "hành Trung ương Hội đã nhất trí. Ban Thường vụ Tỉnh ủy Yên Bái dự.")
    mentions = _by_text(found)
    assert mentions["Ban Thường vụ Hội Liên hiệp Thanh niên tỉnh Yên Bái"].kind == "mass"
    assert mentions["Ban Chấp hành Trung ương Hội"].kind == "mass"
    assert mentions["Ban Thường vụ Tỉnh ủy Yên Bái"].kind == "party"


def test_an_office_names_its_superior_inside_it(tmp_path: Path) -> None:
    found = _found(tmp_path, "Văn bản trình Thủ tướng Chính phủ.")
    office = _by_text(found)["Thủ tướng Chính phủ"]
    government = _by_text(found)["Chính phủ"]
    assert government.key == "chinh-phu"
    assert office.span.start < government.span.start and government.span.end == office.span.end
    assert not any(r[1] == "thu-tuong-chinh-phu" for r in _relations(found))


# --------------------------------------------------------------------------------------
#  Helpers for other extractors
# --------------------------------------------------------------------------------------


def test_organisation_at_and_within(tmp_path: Path) -> None:
    found = _found(tmp_path, "Hôm qua, Ủy ban Kiểm tra Đảng ủy Bộ Tư pháp họp.")
    folded = found.article.folded
    start = folded.index("Ủy ban")
    outer = organisation_at(found, start)
    assert outer is not None and outer.key == "uy-ban-kiem-tra-dang-uy-bo-tu-phap"
    assert organisation_at(found, folded.index("Đảng ủy")).key == "dang-uy-bo-tu-phap"
    assert organisation_at(found, folded.index("Hôm")) is None
    within = organisations_within(found, 0, len(folded))
    assert [m.key for m in within] == ["uy-ban-kiem-tra-dang-uy-bo-tu-phap"]


# --------------------------------------------------------------------------------------
#  RDF statements and shapes
# --------------------------------------------------------------------------------------


def _graph(statements: list[Statement]) -> Graph:
    g = Graph()
    for st in statements:
        if st.is_iri:
            obj = URIRef(st.obj)
        elif st.lang:
            obj = Literal(st.obj, lang=st.lang)
        elif st.datatype:
            obj = Literal(st.obj, datatype=URIRef(st.datatype))
        else:
            obj = Literal(st.obj)
        g.add((URIRef(st.subject), URIRef(st.predicate), obj))
    return g


@pytest.fixture(scope="module")
def shapes() -> Graph:
    g = Graph()
    for path in sorted(SHAPES.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def _validate(data: Graph, shapes: Graph) -> tuple[bool, set[str], set[str]]:
    """(conforms, source shapes of violations, source shapes of warnings)."""
    full = Graph()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        full.parse(path, format="turtle")
    for triple in data:
        full.add(triple)
    conforms, report, _ = pyshacl.validate(full, shacl_graph=shapes, inference="none",
                                           allow_warnings=True)
    violations, warnings = set(), set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        for source in (SH.sourceShape, SH.sourceConstraint):
            shape = report.value(result, source)
            if isinstance(shape, URIRef):
                (warnings if severity == SH.Warning else violations).add(str(shape))
    return conforms, violations, warnings


@pytest.fixture(scope="module")
def article_statements(tmp_path_factory: pytest.TempPathFactory) -> list[Statement]:
    found = _found(tmp_path_factory.mktemp("rdf"),
                   "Đảng bộ Cục Hàng không Việt Nam họp; Vụ Pháp chế, Bộ Y tế dự. Ngày 1/3/2025, "
                   "Bộ Giao thông vận tải sáp nhập vào Bộ Xây dựng; Trung tâm Tin học bị giải thể.")
    return list(rdf_organisations.statements(found, IRIS))


def test_statements_carry_spans_or_sources(article_statements: list[Statement]) -> None:
    spans = [s for s in article_statements if s.span is not None]
    references = [s for s in article_statements if s.span is None]
    assert spans and references
    assert all(s.article for s in spans)
    assert all(s.source and s.article is None for s in references)
    labels = {(s.subject, s.obj) for s in spans if s.predicate == str(RDFS.label)}
    assert (IRIS.organisation("vu-phap-che"), "Vụ Pháp chế") in labels
    predicates = {s.predicate for s in spans}
    assert {str(ORG.subOrganizationOf), str(VG.partyOrganizationOf),
            str(ORG.originalOrganization), str(PROV.startedAtTime)} <= predicates


def test_reference_data_closes_over_parents_and_successors(
        article_statements: list[Statement]) -> None:
    subjects = {s.subject for s in article_statements if s.span is None}
    for body_id in ("bo-y-te", "chinh-phu", "bo-xay-dung", "bo-giao-thong-van-tai"):
        assert IRIS.organisation(body_id) in subjects
    assert IRIS.organisation("bo-giao-thong-van-tai") + "#succession" in subjects


def test_article_graph_conforms(article_statements: list[Statement], shapes: Graph) -> None:
    conforms, violations, warnings = _validate(_graph(article_statements), shapes)
    assert conforms, violations
    assert not warnings


def test_whole_gazetteer_conforms(shapes: Graph) -> None:
    data = _graph(list(rdf_organisations.reference_statements(IRIS)))
    conforms, violations, _ = _validate(data, shapes)
    assert conforms, violations
    assert (URIRef(IRIS.organisation("bo-cong-thuong")), VG.orgIssuerCode,
            Literal("BCT")) in data
    founded = data.value(URIRef(IRIS.organisation("ban-tuyen-giao-va-dan-van-trung-uong")),
                         SCHEMA.foundingDate)
    assert founded is not None and founded.datatype == XSD.gYearMonth


def _org(key: str) -> URIRef:
    return URIRef(IRIS.organisation(key))


def _ok_org(g: Graph, key: str, cls: URIRef = VG.StateBody) -> URIRef:
    node = _org(key)
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(key, lang="vi")))
    return node


def _change(g: Graph, cls: URIRef, fragment: str = "#change") -> URIRef:
    event = URIRef(IRIS.article("901") + "/mention/1-9" + fragment)
    g.add((event, RDF.type, cls))
    g.add((event, RDFS.label, Literal("thay đổi", lang="vi")))
    return event


def _broken_cases() -> dict[str, tuple]:
    cases: dict[str, tuple] = {}

    def case(name: str, shape: str):
        def register(build):
            cases[name] = (build, shape)
            return build
        return register

    @case("iri", "OrganisationDetailShape")
    def _(g: Graph) -> None:
        node = URIRef("https://w3id.org/vietgov/id/body/Bộ Y tế")
        g.add((node, RDF.type, VG.StateBody))
        g.add((node, RDFS.label, Literal("Bộ Y tế", lang="vi")))

    @case("code", "Organization-orgIssuerCode")
    def _(g: Graph) -> None:
        g.add((_ok_org(g, "a"), VG.orgIssuerCode, Literal("bct 2")))

    @case("parent-literal", "Organization-subOrganizationOf")
    def _(g: Graph) -> None:
        g.add((_ok_org(g, "a"), ORG.subOrganizationOf, Literal("Chính phủ")))

    @case("two-founding-dates", "Organization-foundingDate")
    def _(g: Graph) -> None:
        node = _ok_org(g, "a")
        g.add((node, SCHEMA.foundingDate, Literal("2020-01-01", datatype=XSD.date)))
        g.add((node, SCHEMA.foundingDate, Literal("2021-01-01", datatype=XSD.date)))

    @case("founding-as-string", "Organization-foundingDate")
    def _(g: Graph) -> None:
        g.add((_ok_org(g, "a"), SCHEMA.foundingDate, Literal("năm 2020")))

    @case("founded-after-dissolved", "OrganisationDetailShape-foundedBeforeDissolved")
    def _(g: Graph) -> None:
        node = _ok_org(g, "a")
        g.add((node, SCHEMA.foundingDate, Literal("2025-03-01", datatype=XSD.date)))
        g.add((node, SCHEMA.dissolutionDate, Literal("2024-03-01", datatype=XSD.date)))

    @case("own-parent", "OrganisationDetailShape-notOwnParent")
    def _(g: Graph) -> None:
        node = _ok_org(g, "a")
        g.add((node, ORG.subOrganizationOf, node))

    @case("pref-label-language", "Organization-prefLabel")
    def _(g: Graph) -> None:
        g.add((_ok_org(g, "a"), SKOS.prefLabel, Literal("Ministère", lang="fr")))

    @case("party-organisation-of-a-state-body", "PartyOrganizationOfSubjectShape")
    def _(g: Graph) -> None:
        g.add((_ok_org(g, "a"), VG.partyOrganizationOf, _ok_org(g, "b")))

    @case("change-without-organisations", "ChangeEventShape")
    def _(g: Graph) -> None:
        _change(g, VG.Merger)

    @case("change-iri", "ChangeEventShape")
    def _(g: Graph) -> None:
        g.add((_change(g, VG.Dissolution, "#event"), ORG.originalOrganization, _ok_org(g, "a")))

    @case("founding-with-original", "Founding-original")
    def _(g: Graph) -> None:
        event = _change(g, VG.Founding)
        g.add((event, ORG.resultingOrganization, _ok_org(g, "a")))
        g.add((event, ORG.originalOrganization, _ok_org(g, "b")))

    @case("transfer-without-target", "Transfer-transferredTo")
    def _(g: Graph) -> None:
        g.add((_change(g, VG.Transfer), ORG.originalOrganization, _ok_org(g, "a")))

    @case("renaming-two-results", "Renaming-resulting")
    def _(g: Graph) -> None:
        event = _change(g, VG.Renaming)
        g.add((event, ORG.originalOrganization, _ok_org(g, "a")))
        g.add((event, ORG.resultingOrganization, _ok_org(g, "b")))
        g.add((event, ORG.resultingOrganization, _ok_org(g, "c")))

    @case("dissolution-with-result", "Dissolution-resulting")
    def _(g: Graph) -> None:
        event = _change(g, VG.Dissolution)
        g.add((event, ORG.originalOrganization, _ok_org(g, "a")))
        g.add((event, ORG.resultingOrganization, _ok_org(g, "b")))

    @case("started-as-date", "ChangeEvent-startedAtTime")
    def _(g: Graph) -> None:
        event = _change(g, VG.Founding)
        g.add((event, ORG.resultingOrganization, _ok_org(g, "a")))
        g.add((event, PROV.startedAtTime, Literal("2025-03-01", datatype=XSD.date)))

    @case("original-not-an-organisation", "ChangeEvent-original")
    def _(g: Graph) -> None:
        g.add((_change(g, VG.Dissolution), ORG.originalOrganization,
               URIRef(IRIS.article("901"))))

    return cases


BROKEN = _broken_cases()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_shape_rejects_what_it_should(name: str, shapes: Graph) -> None:
    build, shape = BROKEN[name]
    g = Graph()
    build(g)
    conforms, violations, _ = _validate(g, shapes)
    assert not conforms
    assert any(v.endswith("#" + shape) or v.endswith(shape) for v in violations), violations


def test_two_kinds_are_only_a_warning(shapes: Graph) -> None:
    g = Graph()
    node = _ok_org(g, "a", VG.StateBody)
    g.add((node, RDF.type, VG.PartyOrganization))
    conforms, violations, warnings = _validate(g, shapes)
    assert conforms and not violations
    assert any(w.endswith("StateBodyShape") for w in warnings)


def test_a_provincial_body_points_to_its_province_with_the_iso_code(tmp_path) -> None:
    from vietgov.linking.iso3166 import province_code
    from vietgov.model import Extraction
    from vietgov.rdf import organisations as org_rdf
    from vietgov.rdf.iris import Iris
    from vietgov.reading.articles import read_article

    path = tmp_path / "tinh.txt"
    path.write_text("Hội nghị của một tỉnh ở phía Bắc đất nước\n\nBan Thường vụ Tỉnh ủy Bắc Ninh "
                    "đã họp phiên thường kỳ.\n", encoding="utf-8")
    article = read_article(path)
    found = Extraction(article)
    found.organisations = extract(article, found)
    iris = Iris()
    statements = list(org_rdf.statements(found, iris))
    province = iris.of("province", "bac-ninh")
    assert any(st.predicate.endswith("#province") and st.obj == province and st.span
               for st in statements)
    codes = [st.obj for st in statements
             if st.subject == province and st.predicate.endswith("#iso31662Code")]
    assert codes == [province_code("Bắc Ninh")]
    assert codes[0] is not None and codes[0].startswith("VN-")


@pytest.mark.parametrize(("code", "ok"), [("VN-56", True), ("VN-HN", True), ("56", False),
                                           ("VN-hanoi", False)])
def test_province_shape_checks_the_iso_code(code: str, ok: bool) -> None:
    from vietgov.validate import validate

    data = f"""
        @prefix vg: <https://w3id.org/vietgov/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/vietgov/id/province/bac-ninh> a vg:Province ;
            rdfs:label "Bắc Ninh"@vi ; vg:iso31662Code "{code}" .
    """.encode()
    result = validate(data, data_format="turtle")
    assert result.conforms is ok, result.report_text
    if not ok:
        assert any(v.path and v.path.endswith("iso31662Code") for v in result.violations)
