"""The byline parser on the forms the papers print (the demo papers' own,
Báo Điện Biên Phủ's, Báo Bắc Kạn's and the Lai Châu portal's styles, and
what the national press sends), and bylines printed back per theme."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from authors.bylines import Credit, Kind, Role, groups, parse, text

R = Role
ORG = Kind.ORGANISATION

# (byline as printed, [(role, name, kind)])
READABLE = [
    # Báo Điện Biên Phủ (demo data and the paper's site)
    ("Tin, ảnh: Quang Long", [(R.NEWS, "Quang Long", ""), (R.PHOTO, "Quang Long", "")]),
    ("Tin, ảnh: Đức Anh", [(R.NEWS, "Đức Anh", ""), (R.PHOTO, "Đức Anh", "")]),
    ("Bài, ảnh: Lò Thị Thu", [(R.TEXT, "Lò Thị Thu", ""), (R.PHOTO, "Lò Thị Thu", "")]),
    ("Bài, ảnh: Mai Phương", [(R.TEXT, "Mai Phương", ""), (R.PHOTO, "Mai Phương", "")]),
    ("Thực hiện: Quàng Hương - Đức Anh", [(R.PRODUCTION, "Quàng Hương", ""), (R.PRODUCTION, "Đức Anh", "")]),
    ("Thực hiện: Trung Kiên", [(R.PRODUCTION, "Trung Kiên", "")]),
    ("Đồ họa: Văn Tuấn", [(R.GRAPHICS, "Văn Tuấn", "")]),
    ("Ảnh: Quang Long", [(R.PHOTO, "Quang Long", "")]),
    ("Ảnh: Thanh Bình", [(R.PHOTO, "Thanh Bình", "")]),
    ("Minh Đức", [(R.AUTHOR, "Minh Đức", "")]),
    ("Quàng Hương", [(R.AUTHOR, "Quàng Hương", "")]),
    ("Báo Điện Biên Phủ", [(R.AUTHOR, "Báo Điện Biên Phủ", ORG)]),
    # Báo Bắc Kạn and the Lai Châu portal: names alone, initials
    ("T.Hòa", [(R.AUTHOR, "T.Hòa", "")]),
    ("Nông Thu", [(R.AUTHOR, "Nông Thu", "")]),
    ("Đức Chiến", [(R.AUTHOR, "Đức Chiến", "")]),
    ("N.T. Hà", [(R.AUTHOR, "N.T. Hà", "")]),
    ("N. T. Hà", [(R.AUTHOR, "N.T. Hà", "")]),
    ("Cổng TTĐT tỉnh", [(R.AUTHOR, "Cổng TTĐT tỉnh", ORG)]),
    ("Đài Phát thanh - Truyền hình tỉnh", [(R.AUTHOR, "Đài Phát thanh - Truyền hình tỉnh", ORG)]),
    # “Bài và ảnh”, other joiners between roles
    ("Bài và ảnh: Thanh Bình", [(R.TEXT, "Thanh Bình", ""), (R.PHOTO, "Thanh Bình", "")]),
    ("Bài & ảnh: Thanh Bình", [(R.TEXT, "Thanh Bình", ""), (R.PHOTO, "Thanh Bình", "")]),
    ("Tin - ảnh: Hà Linh", [(R.NEWS, "Hà Linh", ""), (R.PHOTO, "Hà Linh", "")]),
    ("Tin/ảnh: Hà Linh", [(R.NEWS, "Hà Linh", ""), (R.PHOTO, "Hà Linh", "")]),
    (
        "Bài, ảnh, video: Kiều Trang",
        [(R.TEXT, "Kiều Trang", ""), (R.PHOTO, "Kiều Trang", ""), (R.VIDEO, "Kiều Trang", "")],
    ),
    ("Bài viết và ảnh: Ngọc Lan", [(R.TEXT, "Ngọc Lan", ""), (R.PHOTO, "Ngọc Lan", "")]),
    ("Nội dung: Phạm Quang", [(R.TEXT, "Phạm Quang", "")]),
    ("Clip: Hoàng Châu", [(R.VIDEO, "Hoàng Châu", "")]),
    ("Đồ hoạ: Văn Tuấn", [(R.GRAPHICS, "Văn Tuấn", "")]),
    ("Infographic: Văn Tuấn", [(R.GRAPHICS, "Văn Tuấn", "")]),
    # several people, joined by “-”, “và”, “,”
    ("Quang Long - Hà Linh", [(R.AUTHOR, "Quang Long", ""), (R.AUTHOR, "Hà Linh", "")]),
    ("Quang Long và Hà Linh", [(R.AUTHOR, "Quang Long", ""), (R.AUTHOR, "Hà Linh", "")]),
    ("Quang Long, Hà Linh", [(R.AUTHOR, "Quang Long", ""), (R.AUTHOR, "Hà Linh", "")]),
    ("Quàng Hương–Đức Anh", [(R.AUTHOR, "Quàng Hương", ""), (R.AUTHOR, "Đức Anh", "")]),
    (
        "Thực hiện: Minh Đức, Hà Linh và Trung Kiên",
        [(R.PRODUCTION, "Minh Đức", ""), (R.PRODUCTION, "Hà Linh", ""), (R.PRODUCTION, "Trung Kiên", "")],
    ),
    (
        "Tin, ảnh: Quang Long - Hà Linh",
        [(R.NEWS, "Quang Long", ""), (R.PHOTO, "Quang Long", ""), (R.NEWS, "Hà Linh", ""), (R.PHOTO, "Hà Linh", "")],
    ),
    # different roles for different people
    ("Bài: Minh Đức; Ảnh: Quang Long", [(R.TEXT, "Minh Đức", ""), (R.PHOTO, "Quang Long", "")]),
    ("Bài: Minh Đức, ảnh: Quang Long", [(R.TEXT, "Minh Đức", ""), (R.PHOTO, "Quang Long", "")]),
    ("Bài: Minh Đức - Ảnh: Quang Long", [(R.TEXT, "Minh Đức", ""), (R.PHOTO, "Quang Long", "")]),
    ("Bài: Minh Đức. Ảnh: Quang Long", [(R.TEXT, "Minh Đức", ""), (R.PHOTO, "Quang Long", "")]),
    ("Minh Đức - Ảnh: Quang Long", [(R.AUTHOR, "Minh Đức", ""), (R.PHOTO, "Quang Long", "")]),
    (
        "Bài: Hà Linh; Ảnh: Kiều Trang; Đồ họa: Văn Tuấn",
        [(R.TEXT, "Hà Linh", ""), (R.PHOTO, "Kiều Trang", ""), (R.GRAPHICS, "Văn Tuấn", "")],
    ),
    # sources
    ("Theo TTXVN", [(R.VIA, "TTXVN", ORG)]),
    ("Theo Báo Nhân Dân", [(R.VIA, "Báo Nhân Dân", ORG)]),
    ("(Theo VOV)", [(R.VIA, "VOV", ORG)]),
    ("Theo nhandan.vn", [(R.VIA, "nhandan.vn", ORG)]),
    ("Theo: Báo Tin tức (TTXVN)", [(R.VIA, "Báo Tin tức (TTXVN)", ORG)]),
    ("Nguồn: VOV", [(R.SOURCE, "VOV", ORG)]),
    ("Nguồn: Cổng TTĐT Chính phủ", [(R.SOURCE, "Cổng TTĐT Chính phủ", ORG)]),
    ("TTXVN", [(R.AUTHOR, "TTXVN", ORG)]),
    # notes and titles
    ("Hà Linh (tổng hợp)", [(R.COMPILED, "Hà Linh", "")]),
    ("Hà Linh (TH)", [(R.COMPILED, "Hà Linh", "")]),
    ("Lan Anh (lược dịch)", [(R.TRANSLATED, "Lan Anh", "")]),
    ("Thanh Bình (CTV)", [(R.AUTHOR, "Thanh Bình", Kind.COLLABORATOR)]),
    (
        "Bài, ảnh: Thanh Bình (CTV)",
        [(R.TEXT, "Thanh Bình", Kind.COLLABORATOR), (R.PHOTO, "Thanh Bình", Kind.COLLABORATOR)],
    ),
    ("CTV Lò Văn Pọm", [(R.AUTHOR, "Lò Văn Pọm", Kind.COLLABORATOR)]),
    ("PV Quang Long", [(R.AUTHOR, "Quang Long", Kind.REPORTER)]),
    # typing: capitals, spacing, full stops, decomposed accents, NBSP
    ("TIN, ẢNH: QUANG LONG", [(R.NEWS, "Quang Long", ""), (R.PHOTO, "Quang Long", "")]),
    ("tin, ảnh: Quang Long", [(R.NEWS, "Quang Long", ""), (R.PHOTO, "Quang Long", "")]),
    ("Tin,ảnh:Quang Long", [(R.NEWS, "Quang Long", ""), (R.PHOTO, "Quang Long", "")]),
    ("  Tin, ảnh:   Quang   Long.  ", [(R.NEWS, "Quang Long", ""), (R.PHOTO, "Quang Long", "")]),
    ("Tin, ảnh:\u00a0Quang Long", [(R.NEWS, "Quang Long", ""), (R.PHOTO, "Quang Long", "")]),
    ("Tin, a\u0309nh: Quang Long", [(R.NEWS, "Quang Long", ""), (R.PHOTO, "Quang Long", "")]),
    ("Hoàng Thị Thu Hà", [(R.AUTHOR, "Hoàng Thị Thu Hà", "")]),
    ("H'Hen Niê", [(R.AUTHOR, "H'Hen Niê", "")]),
]

# Left as text for an editor: an unknown role, a team, a sentence, a note
# that is not a role or a kind.
UNREADABLE = [
    "Ảnh cắt từ video: Trung Kiên",
    "Nhóm PV",
    "PV",
    "Nhóm phóng viên Ban Thời sự",
    "Thanh Bình (Đài huyện Tuần Giáo)",
    "Bài: Minh Đức (tổng hợp)",
    "Bài viết được tổng hợp từ nhiều nguồn",
    "Tin, ảnh:",
    "quang long",
    "Tin, ảnh: Quang Long - 0912 345 678",
    "Phóng viên thường trú tại huyện Mường Nhé và các xã biên giới",
]


def triples(credits):
    return [(c.role, c.name, c.kind) for c in credits]


def test_there_are_at_least_forty_real_world_forms():
    assert len(READABLE) >= 40


@pytest.mark.parametrize(("byline", "expected"), READABLE, ids=[b for b, _ in READABLE])
def test_readable_bylines(byline, expected):
    assert triples(parse(byline)) == expected


@pytest.mark.parametrize("byline", UNREADABLE)
def test_what_cannot_be_read_is_refused(byline):
    assert parse(byline) is None


def test_a_blank_byline_has_no_credits():
    assert parse("  ") == ()


# Printed back in Báo Điện Biên Phủ's style (roles), Báo Bắc Kạn's and Lai
# Châu's (names alone).
PRINTED = [
    ("Tin, ảnh: Quang Long", "Tin, ảnh: Quang Long", "Quang Long"),
    ("Bài và ảnh: Thanh Bình", "Bài, ảnh: Thanh Bình", "Thanh Bình"),
    ("Thực hiện: Quàng Hương - Đức Anh", "Thực hiện: Quàng Hương - Đức Anh", "Quàng Hương - Đức Anh"),
    ("Bài: Minh Đức, ảnh: Quang Long", "Bài: Minh Đức; Ảnh: Quang Long", "Minh Đức - Quang Long"),
    ("T.Hòa", "T.Hòa", "T.Hòa"),
    ("Theo TTXVN", "Theo TTXVN", "Theo TTXVN"),
    ("Nguồn: VOV", "Nguồn: VOV", "Nguồn: VOV"),
    ("Hà Linh (tổng hợp)", "Hà Linh (tổng hợp)", "Hà Linh (tổng hợp)"),
    ("Quang Long và Hà Linh", "Quang Long - Hà Linh", "Quang Long - Hà Linh"),
]


@pytest.mark.parametrize(("byline", "with_roles", "names_only"), PRINTED)
def test_bylines_print_back_in_each_style(byline, with_roles, names_only):
    credits = parse(byline)
    assert text(credits) == with_roles
    assert text(credits, show_roles=False) == names_only


def test_people_with_the_same_roles_share_a_group_and_links_stay_per_person():
    credits = [
        Credit(R.PRODUCTION, "Quàng Hương", url="/tac-gia/quang-huong/", key=1),
        Credit(R.PRODUCTION, "Đức Anh", url="/tac-gia/duc-anh/", key=2),
    ]
    [group] = groups(credits)
    assert group.before == "Thực hiện: "
    assert [(p.name, p.url) for p in group.people] == [
        ("Quàng Hương", "/tac-gia/quang-huong/"),
        ("Đức Anh", "/tac-gia/duc-anh/"),
    ]


def test_one_person_under_two_pen_names_is_still_one_person():
    credits = [Credit(R.NEWS, "Quang Long", key=7), Credit(R.PHOTO, "Q.Long", key=7)]
    assert text(credits) == "Tin, ảnh: Quang Long"


canonical_names = st.sampled_from(["Quang Long", "Hà Linh", "T.Hòa", "Lò Thị Thu", "Đức Anh", "Kiều Trang"])
prefix_roles = st.sampled_from([R.NEWS, R.TEXT, R.PHOTO, R.VIDEO, R.GRAPHICS, R.PRODUCTION])


@given(
    st.lists(
        st.tuples(canonical_names, st.lists(prefix_roles, min_size=1, max_size=3, unique=True)),
        min_size=1,
        max_size=4,
        unique_by=lambda t: t[0],
    )
)
def test_a_printed_byline_reads_back_as_the_same_byline(people):
    credits = [Credit(role, name) for name, roles in people for role in roles]
    printed = text(credits)
    assert text(parse(printed)) == printed
