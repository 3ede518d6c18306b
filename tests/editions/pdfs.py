"""PDFs for the print edition's tests, made here (nothing big committed):
a Vietnamese issue, and the bad ones the upload must refuse."""

import io

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from editions.samples import SamplePage, make_pdf

VIETNAMESE_PAGES = [
    ["Điện Biên Phủ đón khách du lịch dịp lễ hội Hoa Ban", "Tỉnh Điện Biên đón hơn 20 nghìn lượt khách."],
    ["Bắc Kạn: mùa lúa mới trên ruộng bậc thang", "Người dân Ba Bể phấn khởi."],
    ["Đường lên bản Mường Phăng đã được bê tông hóa", "Công trình về đích sớm hai tháng."],
    ["Thể thao: giải bóng chuyền các dân tộc", "Tám đội tham dự, tranh tài sôi nổi."],
]


def vietnamese_issue(pages=4):
    """A ``pages``-page issue, each page with a coloured box and its words."""
    return make_pdf(
        [
            SamplePage(lines=VIETNAMESE_PAGES[i % len(VIETNAMESE_PAGES)], boxes=[(60, 600, 300, 120, (0.1, 0.3, 0.8))])
            for i in range(pages)
        ]
    )


def one_page(text):
    return make_pdf([SamplePage(lines=[text])])


def _rewritten(data, change):
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted():
    return _rewritten(vietnamese_issue(1), lambda w: w.encrypt(user_password="mat-khau", owner_password="chu-so-huu"))


def with_javascript():
    """Document-level JavaScript, in the catalogue's name tree, as Acrobat
    writes it (run when the file is opened)."""

    def add_js(writer):
        action = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert('Xin chào');"),
                }
            )
        )
        tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("chao"), action])})
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})

    return _rewritten(vietnamese_issue(1), add_js)


def with_launch_action():
    def add_launch(writer):
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
        )

    return _rewritten(vietnamese_issue(1), add_launch)


def truncated():
    data = vietnamese_issue(4)
    return data[: len(data) * 2 // 3]


def many_pages(count):
    return make_pdf([SamplePage(size=(200, 280)) for _ in range(count)])


def padded(size):
    """A valid one-page PDF of about ``size`` bytes."""
    data = vietnamese_issue(1)
    return make_pdf([SamplePage(lines=VIETNAMESE_PAGES[0])], padding=max(0, size - len(data)))
