import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsroom.text import format_dateline, format_today, nfc, slugify_vi, strip_accents

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Điện Biên Phủ đón khách Đắk Lắk", "dien-bien-phu-don-khach-dak-lak"),
        ("ĐẢNG BỘ ĐIỆN BIÊN", "dang-bo-dien-bien"),
        ("Người dân Mường Phăng", "nguoi-dan-muong-phang"),
        ("Thơ ca và đời sống", "tho-ca-va-doi-song"),
        ("Cẵng, ẵm, ặc, ẳng", "cang-am-ac-ang"),
        ("Ưu tiên “nông thôn mới” — 2026!", "uu-tien-nong-thon-moi-2026"),
        ("  Xã luận:   Giữ rừng   ", "xa-luan-giu-rung"),
        ("H'Mông ở Tủa Chùa", "h-mong-o-tua-chua"),
    ],
)
def test_slugify_vi_gives_ascii_vietnamese_slugs(title, slug):
    assert slugify_vi(title) == slug


def test_slugify_vi_reads_decomposed_input_like_composed():
    decomposed = unicodedata.normalize("NFD", "Điện Biên Phủ đón khách Đắk Lắk")
    assert decomposed != "Điện Biên Phủ đón khách Đắk Lắk"
    assert slugify_vi(decomposed) == "dien-bien-phu-don-khach-dak-lak"


def test_slugify_vi_cuts_long_titles_on_a_word_boundary():
    slug = slugify_vi("Điện Biên " * 40, max_length=30)
    assert len(slug) <= 30
    assert slug == "dien-bien-dien-bien-dien-bien"


def test_slugify_vi_of_text_without_letters_is_empty():
    assert slugify_vi("!!! — ???") == ""


def test_strip_accents_and_nfc():
    assert strip_accents("Điện Biên Phủ") == "Dien Bien Phu"
    assert nfc(unicodedata.normalize("NFD", "Mường Thanh")) == "Mường Thanh"
    assert unicodedata.is_normalized("NFC", nfc(unicodedata.normalize("NFD", "ẵ ữ ợ")))


# 25–31/12/2023 is Monday to Sunday.
@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (25, "Thứ Hai"),
        (26, "Thứ Ba"),
        (27, "Thứ Tư"),
        (28, "Thứ Năm"),
        (29, "Thứ Sáu"),
        (30, "Thứ Bảy"),
        (31, "Chủ Nhật"),
    ],
)
def test_dienbienphu_dateline_names_every_weekday(day, weekday):
    value = datetime(2023, 12, day, 9, 23, tzinfo=HCM)
    assert format_dateline(value, "dienbienphu") == f"09:23 - {weekday}, {day}/12/2023"


def test_dateline_is_shown_in_vietnam_time():
    utc = datetime(2023, 12, 31, 2, 23, tzinfo=ZoneInfo("UTC"))
    assert format_dateline(utc) == "09:23 - Chủ Nhật, 31/12/2023"


def test_backan_and_laichau_datelines():
    value = datetime(2022, 9, 6, 9, 52, tzinfo=HCM)
    assert format_dateline(value, "backan") == "09:52, 06/09/2022"
    afternoon = datetime(2023, 9, 8, 14, 45, tzinfo=HCM)
    assert format_dateline(afternoon, "laichau") == "08/09/2023 - 02:45 PM"
    morning = datetime(2023, 9, 8, 0, 5, tzinfo=HCM)
    assert format_dateline(morning, "laichau") == "08/09/2023 - 12:05 AM"


def test_header_date():
    assert format_today(datetime(2026, 11, 23, 8, 0, tzinfo=HCM)) == "Thứ Hai, 23/11/2026"
