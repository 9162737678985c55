"""The curated gazetteer, head words and provinces (mappings/organisations.yaml and friends)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from vietgov.gazetteer import (
    KINDS,
    abbreviated_forms,
    abbreviations,
    bodies,
    bodies_with_code,
    body_named,
    expand_abbreviations,
    find_bodies,
    head_named,
    heads,
    match_body,
    match_head,
    match_province,
    name_words,
    provinces,
    words,
)
from vietgov.mappings import load_yaml
from vietgov.reading.normalize import fold_text


def test_rows_are_complete_and_consistent() -> None:
    catalogue = bodies()
    assert len(catalogue) >= 60
    for body in catalogue.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", body.id), body.id
        assert body.kind in KINDS
        assert body.source.strip()
        for ref in (body.parent, *body.succeeded_by):
            assert ref is None or ref in catalogue, (body.id, ref)
        if body.start and body.end:
            assert body.start <= body.end, body.id
        for value in (body.start, body.end):
            assert value is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value)


def test_parent_chains_end() -> None:
    catalogue = bodies()
    for body in catalogue.values():
        seen = {body.id}
        parent = body.parent
        while parent:
            assert parent not in seen, f"cycle through {parent}"
            seen.add(parent)
            parent = catalogue[parent].parent


def test_ids_other_engineers_resolve_are_kept() -> None:
    kept = {"bo-chinh-tri", "ban-bi-thu", "ban-chap-hanh-trung-uong-dang",
            "ban-to-chuc-trung-uong", "chinh-phu", "quoc-hoi", "bo-cong-thuong"}
    assert kept <= set(bodies())


def test_every_body_of_the_issuer_code_list_is_curated_with_that_code() -> None:
    for row in load_yaml("issuer_codes.yaml"):
        if row.get("body"):
            body = bodies().get(row["body"])
            assert body is not None, row["body"]
            assert re.sub(r"\d+$", "", row["code"]) in body.codes, (row["code"], body.codes)


def test_the_central_code_tw_is_shared_by_three_bodies() -> None:
    assert {b.id for b in bodies_with_code("TW")} == {
        "ban-chap-hanh-trung-uong-dang", "bo-chinh-tri", "ban-bi-thu"}
    assert [b.id for b in bodies_with_code("TTg")] == ["thu-tuong-chinh-phu"]


def test_the_government_from_1_march_2025() -> None:
    """14 ministries and 3 ministry-level bodies from 01/03/2025 (reference §4)."""
    cutoff = date(2025, 3, 1)
    government = [b for b in bodies().values() if b.parent == "chinh-phu" and b.kind == "state"]
    ministries_after = [b for b in government if b.name.startswith("Bộ ")
                        and (b.dissolved is None or b.dissolved > cutoff)]
    assert len(ministries_after) == 14
    ended = [b for b in government if b.dissolved == cutoff]
    assert len(ended) == 7  # six ministries and the Committee for Ethnic Minority Affairs
    for body in ended:
        assert body.succeeded_by, body.id
        for successor in body.succeeded_by:
            founded = bodies()[successor].founded
            assert founded is None or founded <= cutoff
    assert bodies()["bo-nong-nghiep-va-moi-truong"].founded == cutoff
    for body_id in ("van-phong-chinh-phu", "thanh-tra-chinh-phu", "ngan-hang-nha-nuoc-viet-nam"):
        assert bodies()[body_id].end is None


def test_party_committees_of_the_2025_restructuring() -> None:
    for body_id in ("dang-uy-chinh-phu", "dang-uy-quoc-hoi", "dang-uy-cac-co-quan-dang-trung-uong",
                    "dang-uy-mat-tran-to-quoc-cac-doan-the-trung-uong"):
        assert bodies()[body_id].start == "2025-02"
    for body_id in ("dang-uy-khoi-cac-co-quan-trung-uong", "dang-uy-khoi-doanh-nghiep-trung-uong",
                    "ban-can-su-dang-chinh-phu", "dang-doan-quoc-hoi"):
        assert bodies()[body_id].end is not None
    assert bodies()["ban-tuyen-giao-trung-uong"].succeeded_by == (
        "ban-tuyen-giao-va-dan-van-trung-uong",)


def test_short_forms_are_never_context_dependent() -> None:
    """"Bộ", "Đảng ủy Khối", "Đảng ủy Bộ" need the article; they are not curated short forms."""
    generic = set(words("generic"))
    for body in bodies().values():
        for short in body.short_forms:
            parts = short.split()
            assert head_named(short) is None, short
            assert not (head_named(" ".join(parts[:-1])) and parts[-1] in generic), short
            assert not (head_named(" ".join(parts[:-1])) and head_named(parts[-1])), short


def test_match_body_needs_a_capital_and_allows_spacing_variants() -> None:
    text = fold_text("Sáng nay Bộ Lao động-Thương binh và Xã hội và chính phủ điện tử.")
    hit = match_body(text, text.index("Bộ"))
    assert hit is not None and hit[0].id == "bo-lao-dong-thuong-binh-va-xa-hoi"
    assert text[text.index("Bộ"):hit[1]].endswith("Xã hội")
    assert match_body(text, text.index("chính phủ")) is None


def test_find_bodies_prefers_the_longest_name() -> None:
    text = fold_text("Ủy ban Thường vụ Quốc hội họp; Quốc hội khai mạc; Đảng ủy Chính phủ chỉ đạo.")
    found = [(b.id, text[s:e]) for b, s, e in find_bodies(text)]
    assert found == [("uy-ban-thuong-vu-quoc-hoi", "Ủy ban Thường vụ Quốc hội"),
                     ("quoc-hoi", "Quốc hội"), ("dang-uy-chinh-phu", "Đảng ủy Chính phủ")]


def test_body_named_folds_case_and_tone_placement() -> None:
    assert body_named("ủy ban kiểm tra trung ương").id == "uy-ban-kiem-tra-trung-uong"
    assert body_named("Uỷ ban Dân tộc").id == "uy-ban-dan-toc"
    assert body_named("Bộ") is None


def test_abbreviations_are_spelled_out_as_whole_words() -> None:
    for short, full in abbreviations():
        assert short and full and short != full
        assert not any(c.islower() for c in short), short  # abbreviations are written in capitals
    assert expand_abbreviations("Ủy ban Trung ương MTTQ Việt Nam") == \
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"
    assert expand_abbreviations("Hội CCB tỉnh Bắc Kạn; Ban Tổ chức T.Ư") == \
        "Hội Cựu chiến binh tỉnh Bắc Kạn; Ban Tổ chức Trung ương"
    assert expand_abbreviations("TWX và MTTQs") == "TWX và MTTQs"  # not inside a word


def test_curated_names_are_found_in_their_abbreviated_forms() -> None:
    assert "MTTQ Việt Nam" in abbreviated_forms("Mặt trận Tổ quốc Việt Nam")
    assert "BCH TW Đảng" in abbreviated_forms("Ban Chấp hành Trung ương Đảng")
    assert body_named("Hội CCB Việt Nam").id == "hoi-cuu-chien-binh-viet-nam"
    assert body_named("Ban Tuyên giáo và Dân vận T.Ư").id == "ban-tuyen-giao-va-dan-van-trung-uong"
    text = fold_text("Đại diện MTTQ Việt Nam và Hội CCB Việt Nam dự.")
    assert [b.id for b, _, _ in find_bodies(text)] == ["mat-tran-to-quoc-viet-nam",
                                                       "hoi-cuu-chien-binh-viet-nam"]
    assert body_named("CCB") is None


def test_heads_are_whole_words() -> None:
    text = fold_text("Bộ trưởng Bộ Y tế; Hội nghị; Hội đồng nhân dân")
    head, end = match_head(text, 0)
    assert head.head == "Bộ" and text[:end] == "Bộ"
    head, end = match_head(text, text.index("Hội đồng"))
    assert head.head == "Hội đồng nhân dân"
    assert match_head(text, text.index("trưởng")) is None  # lower case
    for head in heads():
        assert head.kind is None or head.kind in KINDS
        assert head.place in (None, "province", "city", "district"), head.head
        assert set(head.local_levels) <= set(words("local_level")), head.head


def test_name_words_come_from_curated_names() -> None:
    known = name_words()
    assert {"trung ương", "điện lực", "cựu chiến binh"} <= known
    assert "bộ" not in known


@pytest.fixture(scope="module")
def units() -> dict:
    return provinces()


def test_63_units_before_and_34_after_the_2025_merger(units: dict) -> None:
    before = [p for p in units.values() if p.in_63]
    after = [p for p in units.values() if p.in_34]
    assert len(before) == 63 and len(after) == 34
    assert sum(p.kind == "city" for p in before) == 5
    assert sum(p.kind == "city" for p in after) == 6


def test_every_former_unit_went_into_exactly_one_new_unit(units: dict) -> None:
    absorbed: dict[str, int] = {}
    for unit in units.values():
        if unit.in_34:
            assert unit.merged_from, unit.id
            for old in unit.merged_from:
                assert units[old].in_63 or old == unit.id, (unit.id, old)
                absorbed[old] = absorbed.get(old, 0) + 1
        if unit.merged_into:
            assert units[unit.merged_into].in_34 and unit.id in units[unit.merged_into].merged_from
    assert all(n == 1 for n in absorbed.values())
    assert {p.id for p in units.values() if p.in_63} <= set(absorbed)


def test_iso_codes_are_left_for_another_engineer() -> None:
    for row in load_yaml("provinces.yaml"):
        assert not row.get("iso_3166_2")


def test_match_province_reads_short_forms(units: dict) -> None:
    text = fold_text("Thành ủy TP.HCM và tỉnh Thừa Thiên Huế")
    hit = match_province(text, text.index("TP.HCM"))
    assert hit is not None and hit[0].id == "ho-chi-minh"
    hit = match_province(text, text.index("Thừa"))
    assert hit is not None and hit[0].id == "thua-thien-hue" and hit[0].merged_into == "hue"
