"""Events: the extractor's rules on sentences written for these tests, the RDF mapping, the
event-type code list, and the SHACL shapes (each shape shown rejecting a broken graph)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from vietgov.extract import events
from vietgov.extract.documents import distinct_documents
from vietgov.extract.event_dates import EventTime, year_by_publication
from vietgov.extract.events import EventMention, event_types, number_value
from vietgov.extract.persons import Person, PersonMention
from vietgov.model import Article, DocumentMention, Extraction, OrganisationMention, Span
from vietgov.paths import MAPPINGS, ONTOLOGY, SHAPES
from vietgov.rdf import events as event_rdf
from vietgov.rdf.iris import Iris
from vietgov.rdf.namespaces import RDF_TYPE, RDFS_LABEL, SCHEMA, VG, XSD
from vietgov.reading.articles import read_article

IRIS = Iris()
VGN = Namespace(VG)
ID = Namespace(IRIS.base)
SCHEMA_NS = Namespace(SCHEMA)


# --------------------------------------------------------------------------- helpers


def _article(tmp_path: Path, body: str, name: str = "t") -> Article:
    path = tmp_path / f"{name}.txt"
    path.write_text("Tin hoạt động của các cơ quan trong tuần\n" + body + "\n", encoding="utf-8")
    return read_article(path)


def _found(article: Article, **lists: list) -> Extraction:  # type: ignore[type-arg]
    found = Extraction(article, **lists)
    found.events = events.extract(article, found)
    return found


def _span(article: Article, text: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(text, start + 1)
    return Span(start, start + len(text), text)


def _one(found: Extraction) -> EventMention:
    assert len(found.events) == 1, [e.span.text for e in found.events]
    return found.events[0]


# --------------------------------------------------------------------------- reading


def test_congress_with_body_ordinal_term_and_date(tmp_path: Path) -> None:
    article = _article(tmp_path, "Sáng 16/10/2020, Đảng bộ tỉnh Bình Định khai mạc Đại hội đại "
                                 "biểu Đảng bộ tỉnh Bình Định lần thứ XX, nhiệm kỳ 2020 - 2025.")
    event = _one(_found(article))
    assert event.event_type == "dai-hoi" and event.label_vi == "Đại hội"
    assert event.ordinal and event.ordinal.value == "XX" and event.ordinal_number == 20
    assert event.term and event.term.value == "2020-2025"
    assert event.date and event.date.value == "2020-10-16"
    assert [o.name for o in event.organisers] == ["Đảng bộ tỉnh Bình Định"]
    assert event.span.text.endswith("nhiệm kỳ 2020 - 2025")


def test_mentions_of_one_event_make_one_record(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Đại hội đại biểu Đảng bộ tỉnh Bình Định lần thứ XX, nhiệm kỳ 2020 - 2025 thành công.\n"
        "Các đại biểu dự Đại hội Đảng bộ tỉnh Bình Định lần thứ XX đã bầu Ban Chấp hành.\n"
        "Văn kiện Đại hội đại biểu Đảng bộ tỉnh Bình Định nhiệm kỳ 2020-2025 được thông qua."))
    event = _one(_found(article))
    assert len(event.mentions) == 3
    assert event.term and event.ordinal  # the richest mention carries both


def test_lower_case_mention_of_a_bodys_congress_joins_it(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Đại hội đại biểu Đảng bộ huyện Cẩm Xuyên lần thứ XXIII, nhiệm kỳ 2020 - 2025 thành công."
        "\nĐảng viên trong huyện đánh giá cao đại hội lần này của Đảng bộ huyện Cẩm Xuyên."))
    event = _one(_found(article))
    assert len(event.mentions) == 2 and event.ordinal_number == 23


def test_different_ordinals_are_different_events(tmp_path: Path) -> None:
    article = _article(tmp_path, "Hội nghị Trung ương 9 khóa XIII và Hội nghị lần thứ 10 Ban "
                                 "Chấp hành Trung ương khóa XIII.")
    found = _found(article)
    assert sorted(e.ordinal_number or 0 for e in found.events) == [9, 10]
    assert all(e.committee_term and e.committee_term.value == "XIII" for e in found.events)
    assert all(o.key == "ban-chap-hanh-trung-uong-dang" for e in found.events
               for o in e.organisers)


@pytest.mark.parametrize("sentence", [
    "Các hội nghị chuyên đề được tổ chức thường xuyên trong năm.",
    "Các Hội nghị Tổng kết năm 2023 của các đơn vị diễn ra sôi nổi.",
    "Trong năm, Đảng ủy tổ chức 4 Hội nghị Ban Chấp hành năm 2024 theo quy chế.",
    "Hội Nông dân tỉnh chỉ đạo tốt Đại hội Hội Nông dân các cấp nhiệm kỳ 2023 - 2028.",
    "Các đơn vị duy trì Hội nghị Xúc tiến thương mại hằng năm với doanh nghiệp.",
    "Phát biểu tại Hội nghị, Thứ trưởng nhấn mạnh yêu cầu đổi mới.",
    "Hội nghị đã thống nhất thông qua các nội dung.",
    "Ban Tổ chức Đại hội Thể thao toàn quốc lần thứ X đã họp phiên đầu tiên.",
    "Hội nghị cán bộ chủ chốt được tổ chức vào cuối tuần.",
    "Cuộc vận động Toàn dân đoàn kết xây dựng đời sống văn hóa được đẩy mạnh.",
    "Công đoàn vận động đoàn viên ký kết giao ước thi đua trong từng tổ.",
    "Hiệp định này được ký kết năm 2019.",
    "Tỉnh tiếp tục tổ chức hội thảo, tọa đàm về chuyển đổi số.",
    # awards are not events, even when their name holds a head word
    "Dịp này, Bộ Tư pháp trao Kỷ niệm chương \"Vì sự nghiệp Tư pháp\" cho 30 cá nhân.",
    "Nhiều giáo viên được tặng kỷ niệm chương vì sự nghiệp giáo dục và Bằng khen của Bộ.",
    "Sáng 12/5/2025, Bộ Tư pháp tổ chức Lễ trao quyết định bổ nhiệm Vụ trưởng.",
    # a bare head with no event named before it
    "Theo chương trình, Đại hội bầu Ban Chấp hành khóa mới gồm 45 người.",
])
def test_what_is_not_one_event(tmp_path: Path, sentence: str) -> None:
    assert _found(_article(tmp_path, sentence)).events == []


def test_relative_time_is_not_dated(tmp_path: Path) -> None:
    article = _article(tmp_path, "Sáng nay, Bộ Tài chính tổ chức Hội nghị tổng kết công tác "
                                 "năm 2024.")
    found = _found(article)
    assert _one(found).date is None
    assert any("relative" in s for s in found.skipped)


def test_day_without_year_takes_the_year_of_the_name(tmp_path: Path) -> None:
    article = _article(tmp_path, "Chiều 20/12, Bộ Tài chính tổ chức Hội nghị tổng kết công tác "
                                 "năm 2024.")
    event = _one(_found(article))
    assert event.date and event.date.value == "2024-12-20"
    assert event.date.span.text.startswith("Chiều 20/12")


@pytest.mark.parametrize("sentence", [
    "Sáng 6/1, Bộ Tài chính tổ chức Hội nghị tổng kết công tác năm 2024.",  # maybe 2025
    "Chiều 26/12, Bộ Y tế tổ chức Hội nghị triển khai kế hoạch năm 2025.",  # maybe 2024
    "Chiều 3/4, Bộ Y tế tổ chức Hội thảo \"Y tế số\".",  # no year at all
])
def test_day_without_a_sure_year_is_not_dated(tmp_path: Path, sentence: str) -> None:
    found = _found(_article(tmp_path, sentence))
    assert _one(found).date is None
    assert any("without a year" in s for s in found.skipped)


def _dated(tmp_path: Path, published: str, body: str, name: str = "t") -> Article:
    """An article with a dateline (``Cập nhật: 12/03/2026 07:10``) before its body."""
    article = _article(tmp_path, f"Cập nhật: {published} 07:10\n{body}", name)
    assert article.published is not None and article.published_span is not None
    return article


def test_day_without_year_takes_the_year_of_the_dateline(tmp_path: Path) -> None:
    article = _dated(tmp_path, "12/03/2026", "Chiều 11/3, Bộ Xây dựng tổ chức Hội nghị triển "
                                             "khai công tác quy hoạch đô thị.")
    found = _found(article)
    event = _one(found)
    assert event.date and event.date.value == "2026-03-11"
    assert event.date.span.text.startswith("Chiều 11/3")  # the day justifies the statement
    assert event.date.year_span == article.published_span  # the dateline gave the year
    dates = [s for s in event_rdf.statements(found, IRIS) if s.predicate == VG + "date"]
    assert [s.span for s in dates] == [event.date.span]


def test_dateline_year_needs_no_year_in_the_name(tmp_path: Path) -> None:
    """Undated, a January review of last year is unsure (see the test below); dated, it is not."""
    article = _dated(tmp_path, "08/01/2026", "Sáng 7/1, Bộ Tài chính tổ chức Hội nghị tổng kết "
                                             "công tác năm 2025.")
    event = _one(_found(article))
    assert event.date and event.date.value == "2026-01-07"


def test_day_just_before_the_new_year_takes_the_year_before(tmp_path: Path) -> None:
    article = _dated(tmp_path, "04/01/2026", "Ngày 29/12, Bộ Xây dựng tổ chức Hội nghị tổng kết "
                                             "công tác quy hoạch.")
    event = _one(_found(article))
    assert event.date and event.date.value == "2025-12-29"


def test_day_after_the_publication_is_not_dated(tmp_path: Path) -> None:
    article = _dated(tmp_path, "10/03/2026", "Sáng 20/5, Bộ Giáo dục và Đào tạo tổ chức Hội thảo "
                                             "\"Trường học số\".")
    found = _found(article)
    assert _one(found).date is None
    assert any("after the publication" in s for s in found.skipped)


@pytest.mark.parametrize(("published", "month", "day", "year"), [
    (date(2025, 8, 22), 8, 21, 2025),
    (date(2025, 8, 22), 8, 22, 2025),  # the day of the dateline
    (date(2025, 8, 22), 1, 3, 2025),  # earlier in the year
    (date(2026, 1, 5), 12, 28, 2025),  # a week before, across the new year
    (date(2026, 2, 20), 12, 22, 2025),  # two months before
    (date(2026, 3, 10), 5, 20, None),  # after the publication, and not near the new year
    (date(2025, 8, 22), 8, 23, None),  # the day after the dateline
    (date(2026, 3, 1), 2, 29, None),  # no such day in 2026
    (date(2026, 1, 10), 12, None, 2025),  # a month
])
def test_year_by_publication(published: date, month: int, day: int | None,
                             year: int | None) -> None:
    assert year_by_publication(EventTime(0, 5, None, month, day), published) == year


def test_year_by_publication_keeps_a_stated_year() -> None:
    assert year_by_publication(EventTime(0, 9, 2024, 8, 21), date(2025, 8, 22)) is None
    assert year_by_publication(EventTime(0, 9, None, relative=True), date(2025, 8, 22)) is None


def test_dash_date_after_a_dispatch_head(tmp_path: Path) -> None:
    article = _dated(tmp_path, "10/03/2026", (
        "Cần Thơ (TTXVN) - Ngày 8-3, Hội Liên hiệp Phụ nữ thành phố Cần Thơ tổ chức Hội nghị "
        "biểu dương phụ nữ tiêu biểu.\nMiền Tây Online - Sáng 9-3, Sở Y tế tổ chức Hội thảo "
        "\"Bệnh viện xanh\"."))
    found = _found(article)
    assert [e.date and e.date.value for e in found.events] == ["2026-03-08", "2026-03-09"]
    assert found.events[0].date and found.events[0].date.span.text.startswith("Ngày 8-3")


def test_time_before_or_after_the_event_is_not_its_date(tmp_path: Path) -> None:
    article = _dated(tmp_path, "19/06/2026", "Chiều 18/6, sau khi bế mạc Kỳ họp thứ 12, Hội "
                                             "đồng nhân dân tỉnh Lào Cai tổ chức họp báo.")
    found = _found(article)
    event = _one(found)
    assert event.event_type == "ky-hop" and event.date is None
    assert any("before or after the event" in s for s in found.skipped)


def test_event_reported_through_one_of_its_sittings(tmp_path: Path) -> None:
    article = _dated(tmp_path, "10/10/2025", (
        "Sáng 9/10, Đảng bộ tỉnh Ninh Bình khai mạc phiên trù bị Đại hội đại biểu Đảng bộ tỉnh "
        "Ninh Bình lần thứ XXI, nhiệm kỳ 2025 - 2030."))
    event = _one(_found(article))
    assert event.date and event.date.value == "2025-10-09" and event.ordinal_number == 21


def test_lower_case_event_with_date_and_organiser(tmp_path: Path) -> None:
    article = _dated(tmp_path, "15/05/2026", (
        "Chiều 14/5, Sở Nội vụ tỉnh Hà Tĩnh tổ chức hội nghị công bố quyết định thành lập Trung "
        "tâm Phục vụ hành chính công."))
    event = _one(_found(article))
    assert event.event_type == "hoi-nghi" and event.date and event.date.value == "2026-05-14"
    assert [o.name for o in event.organisers] == ["Sở Nội vụ tỉnh Hà Tĩnh"]
    assert "quyết định thành lập" in event.name  # a noun after its verb, not a predicate


@pytest.mark.parametrize("body", [
    "Chiều 14/5, tại Hà Tĩnh, hội nghị chuyên đề về chuyển đổi số diễn ra sôi nổi.",  # no body
    "Chiều 14/5, Sở Nội vụ tỉnh Hà Tĩnh tổ chức nhiều hội nghị tập huấn cho cán bộ.",  # plural
    "Sở Nội vụ tỉnh Hà Tĩnh thường tổ chức hội nghị công bố quyết định về nhân sự.",  # no date
])
def test_lower_case_event_without_date_and_organiser_is_left_out(tmp_path: Path,
                                                                  body: str) -> None:
    assert _found(_dated(tmp_path, "15/05/2026", body)).events == []


def test_bare_head_refers_back_to_the_one_event_named(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Đại hội đại biểu Hội Nông dân tỉnh Hà Tĩnh lần thứ X, nhiệm kỳ 2023 - 2028 khai mạc.\n"
        "Theo chương trình làm việc, Đại hội bầu Ban Chấp hành khóa mới gồm 45 người."))
    event = _one(_found(article))
    assert event.ordinal_number == 10 and len(event.mentions) == 2
    assert event.mentions[1] == _span(article, "Đại hội", 1)
    assert event.span.text.startswith("Đại hội đại biểu Hội Nông dân")
    types = [s for s in event_rdf.statements(_found(article), IRIS) if s.predicate == RDF_TYPE
             and s.obj == VG + "Event"]
    assert {s.span for s in types} == set(event.mentions)


def test_bare_head_with_several_events_of_its_type_is_left_out(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Đại hội Công đoàn tỉnh Hà Tĩnh lần thứ XVIII và Đại hội Hội Nông dân tỉnh Hà Tĩnh lần "
        "thứ X diễn ra trong tháng.\nĐại hội đã thông qua Nghị quyết."))
    found = _found(article)
    assert sorted(e.ordinal_number or 0 for e in found.events) == [10, 18]
    assert all(len(e.mentions) == 1 for e in found.events)
    assert any("bare head" in s for s in found.skipped)


@pytest.mark.parametrize(("sentence", "verb"), [
    ("Hội nghị đại biểu Công đoàn ngành Giáo dục năm 2025 nhất trí thông qua Nghị quyết.",
     "nhất trí"),
    ("Kỳ họp thứ 15 Hội đồng nhân dân tỉnh Hà Tĩnh biểu quyết thông qua 20 nghị quyết.",
     "biểu quyết"),
    ("Hội thảo khoa học về kinh tế biển năm 2025 tiến hành phiên thảo luận chung.",
     "tiến hành"),
])
def test_name_never_runs_through_a_verb(tmp_path: Path, sentence: str, verb: str) -> None:
    event = _one(_found(_article(tmp_path, sentence)))
    assert verb not in event.name and verb not in event.span.text


def test_a_compound_of_a_verb_stays_in_the_name(tmp_path: Path) -> None:
    article = _article(tmp_path, "Hội nghị triển khai công tác bầu cử đại biểu Quốc hội khóa XVI "
                                 "được tổ chức tại Hà Nội.")
    assert "bầu cử" in _one(_found(article)).name


def _chair_article(tmp_path: Path, body: str) -> Extraction:
    article = _article(tmp_path, body)
    name = _span(article, "Trần Thị Bình")
    person = Person(name, "Trần Thị Bình", (PersonMention(name, "Trần Thị Bình", name, "title"),),
                    (), None, None)
    return _found(article, persons=[person])


def test_bare_head_tells_the_chair_of_the_one_event(tmp_path: Path) -> None:
    found = _chair_article(tmp_path, (
        "Ngày 5/3/2025, Bộ Tài chính tổ chức Hội nghị triển khai nhiệm vụ năm 2025.\n"
        "Thứ trưởng Trần Thị Bình chủ trì hội nghị."))
    event = _one(found)
    assert event.chair and event.chair.name == "Trần Thị Bình"
    assert event.chair.span.text == "Trần Thị Bình chủ trì hội nghị"


def test_bare_head_tells_no_chair_when_events_are_several(tmp_path: Path) -> None:
    found = _chair_article(tmp_path, (
        "Ngày 5/3/2025, Bộ Tài chính tổ chức Hội nghị triển khai nhiệm vụ năm 2025 và Hội nghị "
        "Cán bộ, công chức năm 2025.\nThứ trưởng Trần Thị Bình chủ trì hội nghị."))
    assert len(found.events) == 2 and all(e.chair is None for e in found.events)
    assert any("chair" in s for s in found.skipped)


def test_award_ceremony_and_anniversary_beside_an_award(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Sáng 12/5/2025, Bộ Tư pháp tổ chức Lễ trao Kỷ niệm chương \"Vì sự nghiệp Tư pháp\" cho "
        "các cá nhân.\nNhân kỷ niệm 30 năm Ngày thành lập Viện (12/5/1995 - 12/5/2025), Viện "
        "được tặng Huân chương Lao động hạng Nhì."))
    found = _found(article)
    assert [e.event_type for e in found.events] == ["giai-thuong", "ky-niem"]
    ceremony, anniversary = found.events
    assert ceremony.date and ceremony.date.value == "2025-05-12"
    assert ceremony.span.text.startswith("Lễ trao Kỷ niệm chương")
    assert anniversary.date and anniversary.date.value == "2025-05-12"
    assert "chương" not in anniversary.span.text


def test_place_is_a_capitalised_name(tmp_path: Path) -> None:
    article = _article(tmp_path, "Sáng 2/4/2024, tại trụ sở Bộ, Bộ Y tế tổ chức Hội thảo "
                                 "\"Y tế số\".\nHội thảo \"Y tế thông minh\" diễn ra tại Huế.")
    first, second = _found(article).events
    assert first.place is None and first.date and first.date.value == "2024-04-02"
    assert second.place and second.place.value == "Huế"


def test_month_only(tmp_path: Path) -> None:
    article = _article(tmp_path, "Tháng 8/2023, Chính phủ tổ chức Diễn đàn Kinh tế Tuần hoàn.")
    event = _one(_found(article))
    assert event.event_type == "dien-dan" and event.date and event.date.value == "2023-08"


def test_date_of_another_action_is_not_the_event_date(tmp_path: Path) -> None:
    article = _article(tmp_path, "Ngày 2/3/2024, Bộ ban hành Kế hoạch chuẩn bị cho Cuộc thi "
                                 "Sáng tạo trẻ năm 2024.")
    event = _one(_found(article))
    assert event.event_type == "cuoc-thi" and event.date is None


def test_anniversary_day_from_the_bracketed_pair(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Nhân kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024),"
        " nhiều hoạt động được tổ chức.\n"
        "Tọa đàm kỷ niệm 79 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2024) diễn ra."))
    found = _found(article)
    by_type = {e.event_type: e for e in found.events}
    first = found.events[0]
    assert first.event_type == "ky-niem" and first.date and first.date.value == "2024-12-22"
    assert first.span.text.endswith("22/12/2024)")
    second = [e for e in found.events if e is not first and e.event_type == "ky-niem"]
    assert second and second[0].date is None  # 2024 - 1947 is not 79
    assert "toa-dam" not in by_type or by_type["toa-dam"].date is None


def test_campaign_needs_a_quoted_name(tmp_path: Path) -> None:
    article = _article(tmp_path, "Đoàn viên hưởng ứng Cuộc vận động \"Vì người nghèo\" và "
                                 "Phong trào thi đua \"Chung sức xây dựng nông thôn mới\".")
    found = _found(article)
    assert [e.event_type for e in found.events] == ["cuoc-van-dong", "phong-trao-thi-dua"]
    assert all(e.ongoing for e in found.events)


def test_session_with_body_and_committee_term(tmp_path: Path) -> None:
    article = _article(tmp_path, "Chiều 30/11/2024, Kỳ họp thứ 8, Quốc hội khóa XV bế mạc tại "
                                 "Hà Nội.")
    event = _one(_found(article))
    assert event.event_type == "ky-hop" and event.ordinal_number == 8
    assert event.committee_term and event.committee_term.value == "XV"
    assert [o.key for o in event.organisers] == ["quoc-hoi"]
    assert event.place and event.place.value == "Hà Nội"
    assert event.date and event.date.value == "2024-11-30"


def test_plenum_shorthand(tmp_path: Path) -> None:
    article = _article(tmp_path, "Hội nghị Trung ương 10 khóa XIII đã thảo luận nhiều nội dung.")
    event = _one(_found(article))
    assert event.ordinal_number == 10 and event.committee_term
    assert [o.key for o in event.organisers] == ["ban-chap-hanh-trung-uong-dang"]


def test_signing_with_its_parties(tmp_path: Path) -> None:
    article = _article(tmp_path, "Ngày 5/6/2024, Bộ Công Thương và Quốc hội đã ký kết Chương "
                                 "trình phối hợp công tác giai đoạn 2024 - 2026.")
    event = _one(_found(article))
    assert event.event_type == "ky-ket" and event.label_vi == "Ký kết"
    assert sorted(o.key for o in event.organisers) == ["bo-cong-thuong", "quoc-hoi"]
    assert event.date and event.date.value == "2024-06-05"


def test_organiser_and_chair_from_the_sentence(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Ngày 5/3/2025, Bộ Tài chính tổ chức Hội nghị triển khai nhiệm vụ năm 2025.\n"
        "Bộ trưởng Nguyễn Văn An chủ trì Hội nghị triển khai nhiệm vụ năm 2025."))
    org = _span(article, "Bộ Tài chính")
    name = _span(article, "Nguyễn Văn An")
    person = Person(name, "Nguyễn Văn An", (PersonMention(name, "Nguyễn Văn An", name, "title"),),
                    (), None, None)
    found = _found(article, organisations=[OrganisationMention(org, "bo-tai-chinh",
                                                               "Bộ Tài chính")],
                   persons=[person])
    event = _one(found)
    assert [(o.key, o.listed) for o in event.organisers] == [("bo-tai-chinh", True)]
    assert event.chair and event.chair.name == "Nguyễn Văn An" and event.chair.person == 0
    assert event.date and event.date.value == "2025-03-05"


def test_documents_studied_and_adopted(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Ngày 9/9/2024, Đảng ủy tổ chức hội nghị quán triệt Nghị quyết số 45-NQ/TW về đội ngũ "
        "trí thức.\nNghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương khóa XII được "
        "triển khai."))
    studied = DocumentMention(_span(article, "Nghị quyết số 45-NQ/TW"), "nghi-quyet", "party",
                              "45-NQ/TW", number="45", type_code="NQ", issuer_code="TW")
    adopted = DocumentMention(_span(article, "Nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung "
                                             "ương khóa XII"), "nghi-quyet", "party",
                              name="Nghị quyết Trung ương 8 khóa XII")
    found = _found(article, documents=[studied, adopted])
    meeting, plenum = found.events
    assert [link.document for link in meeting.studied] == [0] and not meeting.adopted
    assert meeting.date and meeting.date.value == "2024-09-09"
    assert [link.document for link in plenum.adopted] == [1] and plenum.ordinal_number == 8
    statements = list(event_rdf.statements(found, IRIS))
    doc_iris = {i: d.iri(IRIS, article.id) for d in distinct_documents(found.documents)
                for i in d.mentions}
    links = {(s.predicate, s.obj) for s in statements if s.predicate in (VG + "studied",
                                                                         VG + "adopted")}
    assert links == {(VG + "studied", doc_iris[0]), (VG + "adopted", doc_iris[1])}


def test_every_span_is_exact(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "(TTXVN) Chiều 27/12, tại Thành phố Hồ Chí Minh, Ủy ban nhân dân Thành phố tổ chức Hội "
        "nghị tổng kết công tác năm 2023.\nHội thi Tay nghề ngành Công Thương lần thứ V diễn ra "
        "tại Đà Nẵng."))
    found = _found(article)
    assert len(found.events) == 2
    for event in found.events:
        stated = [event.ordinal, event.term, event.date, event.place, event.committee_term]
        spans = [event.span, *event.mentions, *(s.span for s in stated if s),
                 *(o.span for o in event.organisers), *(o.evidence for o in event.organisers)]
        for span in spans:
            assert article.text[span.start:span.end] == span.text
    assert found.events[0].place and found.events[0].place.value == "Thành phố Hồ Chí Minh"
    assert found.events[0].date and found.events[0].date.value == "2023-12-27"


@pytest.mark.parametrize(("written", "value"), [
    ("I", 1), ("IV", 4), ("IX", 9), ("XIII", 13), ("XIV", 14), ("XX", 20), ("11", 11),
    ("IIII", None), ("VX", None), ("", None), ("3a", None),
])
def test_number_value(written: str, value: int | None) -> None:
    assert number_value(written) == value


# --------------------------------------------------------------------------- RDF


def test_event_iri_is_shared_by_two_articles_on_one_congress(tmp_path: Path) -> None:
    first = _article(tmp_path, "Đại hội đại biểu Đảng bộ tỉnh Bình Định lần thứ XX, nhiệm kỳ "
                               "2020 - 2025 bế mạc.", "a")
    second = _article(tmp_path, "Tỉnh triển khai nghị quyết của Đại hội Đảng bộ tỉnh Bình Định "
                                "lần thứ XX.", "b")
    iris = [event_rdf.event_iri(_one(_found(a)), a.id, IRIS) for a in (first, second)]
    assert iris[0] == iris[1] == IRIS.of("event", "dang-bo-tinh-binh-dinh", "dai-hoi", "lan-20")


def test_event_without_identity_is_scoped_to_its_article(tmp_path: Path) -> None:
    article = _article(tmp_path, "Tọa đàm \"Phụ nữ với kinh tế số\" thu hút nhiều đại biểu.")
    iri = event_rdf.event_iri(_one(_found(article)), article.id, IRIS)
    assert iri.startswith(IRIS.article(article.id) + "/event/toa-dam/")


def test_statements(tmp_path: Path) -> None:
    article = _article(tmp_path, "Sáng 16/10/2020, tại Quy Nhơn, Đại hội đại biểu Đảng bộ tỉnh "
                                 "Bình Định lần thứ XX, nhiệm kỳ 2020 - 2025 khai mạc.")
    found = _found(article)
    statements = list(event_rdf.statements(found, IRIS))
    event = event_rdf.event_iri(found.events[0], article.id, IRIS)
    facts = {(s.predicate, s.obj, s.datatype, s.lang) for s in statements if s.subject == event}
    assert (RDF_TYPE, VG + "Event", None, None) in facts
    assert (VG + "eventType", event_rdf.event_type_iri("dai-hoi"), None, None) in facts
    assert (VG + "ordinal", "XX", None, None) in facts
    assert (VG + "ordinalNumber", "20", XSD + "integer", None) in facts
    assert (VG + "termOfOffice", "2020-2025", None, None) in facts
    assert (VG + "date", "2020-10-16", XSD + "date", None) in facts
    assert (SCHEMA + "location", "Quy Nhơn", None, "vi") in facts
    organiser = IRIS.organisation("dang-bo-tinh-binh-dinh")
    assert (SCHEMA + "organizer", organiser, None, None) in facts
    # a body named only in the congress's name is typed and labelled here
    assert any(s.subject == organiser and s.predicate == RDF_TYPE for s in statements)
    assert any(s.subject == organiser and s.predicate == RDFS_LABEL for s in statements)
    for s in statements:
        assert s.span is not None and s.article == IRIS.article(article.id)
        assert article.text[s.span.start:s.span.end] == s.span.text


def test_month_is_a_gyearmonth(tmp_path: Path) -> None:
    article = _article(tmp_path, "Tháng 8/2023, Chính phủ tổ chức Diễn đàn Kinh tế Tuần hoàn.")
    found = _found(article)
    dates = [s for s in event_rdf.statements(found, IRIS) if s.predicate == VG + "date"]
    assert [(s.obj, s.datatype) for s in dates] == [("2023-08", XSD + "gYearMonth")]


# --------------------------------------------------------------------------- code list


def test_code_list_matches_the_mapping() -> None:
    graph = Graph().parse(ONTOLOGY / "events.ttl")
    concepts = {str(c).rsplit("/", 1)[1]: c for c in graph.subjects(RDF.type, VGN.EventType)}
    assert set(concepts) == set(event_types())
    for slug, t in event_types().items():
        labels = {(str(o), o.language) for o in graph.objects(concepts[slug], SKOS.prefLabel)}
        assert (t.label_vi, "vi") in labels and (t.label_en, "en") in labels
    rows = yaml.safe_load((MAPPINGS / "event_types.yaml").read_text(encoding="utf-8"))
    assert all(str(r.get("source") or "").strip() for r in rows)


# --------------------------------------------------------------------------- SHACL


def _shapes() -> Graph:
    graph = Graph()
    for name in ("core.ttl", "events.ttl"):
        graph.parse(SHAPES / name)
    return graph


def _validate(data: Graph) -> tuple[bool, set[str]]:
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        data.parse(path)
    conforms, report, _ = validate(data, shacl_graph=_shapes(), inference="none",
                                   advanced=True, allow_warnings=True)
    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = {str(o).rsplit("#", 1)[-1] for o in report.objects(None, sh.sourceShape)
              if isinstance(o, URIRef)}
    return conforms, shapes


def _graph(statements: list) -> Graph:  # type: ignore[type-arg]
    graph = Graph()
    for s in statements:
        obj = (URIRef(s.obj) if s.is_iri else
               Literal(s.obj, lang=s.lang) if s.lang else
               Literal(s.obj, datatype=URIRef(s.datatype)) if s.datatype else Literal(s.obj))
        graph.add((URIRef(s.subject), URIRef(s.predicate), obj))
    return graph


def test_extracted_events_conform(tmp_path: Path) -> None:
    article = _article(tmp_path, (
        "Sáng 16/10/2020, tại Quy Nhơn, Đại hội đại biểu Đảng bộ tỉnh Bình Định lần thứ XX, "
        "nhiệm kỳ 2020 - 2025 khai mạc.\nTháng 8/2023, Chính phủ tổ chức Diễn đàn Kinh tế Tuần "
        "hoàn.\nTọa đàm \"Phụ nữ với kinh tế số\" thu hút nhiều đại biểu."))
    found = _found(article)
    graph = _graph(list(event_rdf.statements(found, IRIS)))
    graph.add((ID["org/chinh-phu"], RDF.type, VGN.Organization))  # from the organisations mapper
    graph.add((ID["org/chinh-phu"], URIRef(RDFS_LABEL), Literal("Chính phủ", lang="vi")))
    conforms, shapes = _validate(graph)
    assert conforms, shapes


_VALID = """
@prefix vg: <https://w3id.org/vietgov/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix et: <https://w3id.org/vietgov/code/event-type/> .
<https://w3id.org/vietgov/id/org/x> a vg:Organization ; rdfs:label "Đảng bộ X"@vi .
<https://w3id.org/vietgov/id/person/a/x> a vg:Person ; rdfs:label "Nguyễn Văn A"@vi .
<https://w3id.org/vietgov/id/document/tw/nq/2024/1> a vg:PartyDocument ;
    rdfs:label "Nghị quyết số 1-NQ/TW"@vi .
"""

_ORG = "<https://w3id.org/vietgov/id/org/x>"
_PERSON = "<https://w3id.org/vietgov/id/person/a/x>"
_DOCUMENT = "<https://w3id.org/vietgov/id/document/tw/nq/2024/1>"
_EVENT = "<https://w3id.org/vietgov/id/event/x/dai-hoi/lan-3>"
_GOOD = {
    "a": "vg:Event", "rdfs:label": '"Đại hội Đảng bộ X lần thứ III"@vi',
    "vg:eventType": "et:dai-hoi", "vg:ordinal": '"III"', "vg:ordinalNumber": "3",
    "vg:termOfOffice": '"2020-2025"', "vg:date": '"2020-10-16"^^xsd:date',
    "schema:location": '"Quy Nhơn"@vi', "schema:organizer": _ORG, "vg:chair": _PERSON,
    "vg:adopted": _DOCUMENT,
}


def _event_graph(changes: dict[str, str | None], subject: str = _EVENT) -> Graph:
    props = {**_GOOD, **changes}
    body = " ;\n    ".join(f"{p} {o}" for p, o in props.items() if o is not None)
    return Graph().parse(data=f"{_VALID}\n{subject}\n    {body} .", format="turtle")


def test_a_well_formed_event_conforms() -> None:
    conforms, shapes = _validate(_event_graph({}))
    assert conforms, shapes


@pytest.mark.parametrize(("changes", "shape"), [
    ({"vg:eventType": None}, "Event-eventType"),
    ({"vg:eventType": "et:dai-hoi , et:hoi-nghi"}, "Event-eventType"),
    ({"vg:eventType": _ORG}, "Event-eventType"),
    ({"rdfs:label": '"Đại hội"'}, "Entity-label"),
    ({"vg:ordinal": '"3rd"'}, "Event-ordinal"),
    ({"vg:ordinalNumber": "0"}, "Event-ordinalNumber"),
    ({"vg:ordinalNumber": None}, "EventOrdinalPairShape"),
    ({"vg:committeeTerm": '"khóa 13"'}, "Event-committeeTerm"),
    ({"vg:termOfOffice": '"2020/2025"'}, "Event-termOfOffice"),
    ({"vg:termOfOffice": '"2025-2020"'}, "EventTermOrderShape"),
    ({"vg:date": '"16/10/2020"'}, "Event-date"),
    ({"vg:date": '"2020"^^xsd:gYear'}, "Event-date"),
    ({"vg:date": '"2020-10-16"^^xsd:date , "2020-10-17"^^xsd:date'}, "Event-date"),
    ({"schema:location": '"Quy Nhơn"'}, "Event-location"),
    ({"schema:organizer": '"Đảng bộ X"'}, "Event-organizer"),
    ({"schema:organizer": _PERSON}, "Event-organizer"),
    ({"vg:chair": _ORG}, "Event-chair"),
    ({"vg:adopted": _ORG}, "Event-adopted"),
    ({"vg:studied": _PERSON}, "Event-studied"),
])
def test_each_shape_rejects_a_broken_event(changes: dict[str, str | None], shape: str) -> None:
    conforms, shapes = _validate(_event_graph(changes))
    assert not conforms and shape in shapes, shapes


def test_event_iri_pattern_is_checked() -> None:
    conforms, shapes = _validate(_event_graph({}, subject="<https://w3id.org/vietgov/id/events/x>"))
    assert not conforms and "EventShape" in shapes


def test_event_type_concept_shape() -> None:
    broken = Graph().parse(data="""
        @prefix vg: <https://w3id.org/vietgov/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/vietgov/code/event-type/le-hoi> a vg:EventType ;
            skos:prefLabel "Lễ hội"@vi .
    """, format="turtle")
    conforms, shapes = _validate(broken)
    assert not conforms
    assert {"EventType-prefLabel", "EventType-definition", "EventType-inScheme",
            "EventType-source"} <= shapes
