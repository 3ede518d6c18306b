"""Builds WXR (WordPress export) text for the tests and for the rate
measurement (docs/import.md): the fixture file tests/imports/fixtures/
baodienbien.wxr.xml was written by ``write_fixture()``; ``generated()``
streams a large file of plain posts."""

from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Báo Điện Biên (WordPress cũ)</title>
  <link>https://baodienbien.vn</link>
  <language>vi</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://baodienbien.vn</wp:base_site_url>
  <wp:base_blog_url>https://baodienbien.vn</wp:base_blog_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[quanglong]]></wp:author_login>
    <wp:author_display_name><![CDATA[Quang Long]]></wp:author_display_name></wp:author>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[thuhoa]]></wp:author_login>
    <wp:author_display_name><![CDATA[T.Hòa]]></wp:author_display_name></wp:author>
"""
FOOTER = "</channel>\n</rss>\n"


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def category(term_id, nicename, name, parent=""):
    return (
        f"  <wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{nicename}</wp:category_nicename>"
        f"<wp:category_parent>{parent}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
    )


def tag(term_id, slug, name):
    return (
        f"  <wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>{slug}</wp:tag_slug>"
        f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
    )


def attachment(post_id, url, caption=""):
    return f"""  <item>
    <title>{escape(url.rsplit("/", 1)[-1])}</title>
    <link>https://baodienbien.vn/?attachment_id={post_id}</link>
    <excerpt:encoded>{cdata(caption)}</excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:status>inherit</wp:status>
    <wp:post_type>attachment</wp:post_type>
    <wp:attachment_url>{escape(url)}</wp:attachment_url>
  </item>
"""


def post(
    post_id,
    title,
    body,
    *,
    slug,
    date_gmt="2023-12-31 02:23:00",
    date_local="2023-12-31 09:23:00",
    status="publish",
    categories=(),
    tags=(),
    creator="quanglong",
    excerpt="",
    meta=None,
    comments=(),
    link=None,
):
    link = link or f"https://baodienbien.vn/{date_local[:4]}/{date_local[5:7]}/{date_local[8:10]}/{slug}/"
    parts = [
        "  <item>",
        f"    <title>{escape(title)}</title>",
        f"    <link>{escape(link)}</link>",
        f'    <guid isPermaLink="false">https://baodienbien.vn/?p={post_id}</guid>',
        f"    <dc:creator>{cdata(creator)}</dc:creator>",
        f"    <content:encoded>{cdata(body)}</content:encoded>",
        f"    <excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>",
        f"    <wp:post_id>{post_id}</wp:post_id>",
        f"    <wp:post_date>{date_local}</wp:post_date>",
        f"    <wp:post_date_gmt>{date_gmt}</wp:post_date_gmt>",
        "    <wp:comment_status>open</wp:comment_status>",
        f"    <wp:post_name>{slug}</wp:post_name>",
        f"    <wp:status>{status}</wp:status>",
        "    <wp:post_type>post</wp:post_type>",
    ]
    for nicename, name in categories:
        parts.append(f'    <category domain="category" nicename="{nicename}">{cdata(name)}</category>')
    for slug_, name in tags:
        parts.append(f'    <category domain="post_tag" nicename="{slug_}">{cdata(name)}</category>')
    for key, value in (meta or {}).items():
        parts.append(
            f"    <wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
            f"<wp:meta_value>{cdata(str(value))}</wp:meta_value></wp:postmeta>"
        )
    for c in comments:
        parts.append(
            "    <wp:comment>"
            f"<wp:comment_id>{c['id']}</wp:comment_id>"
            f"<wp:comment_author>{cdata(c['name'])}</wp:comment_author>"
            f"<wp:comment_author_email>{c.get('email', '')}</wp:comment_author_email>"
            f"<wp:comment_date>{c.get('date', '2024-01-01 08:00:00')}</wp:comment_date>"
            f"<wp:comment_date_gmt>{c.get('date_gmt', '2024-01-01 01:00:00')}</wp:comment_date_gmt>"
            f"<wp:comment_content>{cdata(c['body'])}</wp:comment_content>"
            f"<wp:comment_approved>{c.get('approved', '1')}</wp:comment_approved>"
            "<wp:comment_type></wp:comment_type>"
            "</wp:comment>"
        )
    parts.append("  </item>\n")
    return "\n".join(parts)


def generated(count, write):
    """A WXR of ``count`` plain posts (no images), written piece by piece."""
    write(HEADER)
    write(category(1, "thoi-su", "Thời sự"))
    write(category(2, "kinh-te", "Kinh tế"))
    for n in range(1, count + 1):
        day = 1 + n % 28
        write(
            post(
                n,
                f"Điện Biên phát triển kinh tế nông thôn, bài số {n}",
                f"<p>ĐBP - Sapo của bài số {n} về nông thôn mới ở Điện Biên.</p>"
                + "<p>Đoạn nội dung tiếng Việt có dấu đầy đủ: Mường Thanh, Tuần Giáo, Mường Chà.</p>" * 8,
                slug=f"bai-so-{n}",
                date_gmt=f"2022-03-{day:02d} 01:{n % 60:02d}:00",
                date_local=f"2022-03-{day:02d} 08:{n % 60:02d}:00",
                categories=[("thoi-su", "Thời sự")] if n % 2 else [("kinh-te", "Kinh tế")],
                tags=[(f"tu-khoa-{n % 50}", f"Từ khóa {n % 50}")],
                creator="quanglong",
                meta={"post_views_count": n % 5000},
            )
        )
    write(FOOTER)


MEDIA = "__MEDIA__"  # replaced by the local test server's address
PLACES = ["Mường Phăng", "Tuần Giáo", "Mường Chà", "Điện Biên Đông", "Nậm Pồ", "Tủa Chùa", "Mường Nhé", "Mường Ảng"]
TOPICS = ["thu hoạch lúa", "trồng cà phê", "xây nhà đại đoàn kết", "khám bệnh miễn phí", "giải bóng chuyền"]


def fixture_text():
    """The fixture: 30 posts (24 published, 2 drafts, 1 pending, 1 private,
    1 scheduled, 1 in the trash), 4 categories (one a child), tags,
    featured and in-body images (one shared, one missing), comments, links
    between posts, a sapo prefix typed in, decomposed (NFD) text."""
    import unicodedata

    out = [HEADER]
    out.append(category(1, "thoi-su", "Thời sự"))
    out.append(category(2, "kinh-te", "Kinh tế"))
    out.append(category(3, "nong-nghiep", "Nông nghiệp", parent="kinh-te"))
    out.append(category(4, "van-hoa", "Văn hóa"))
    out.append(tag(10, "nong-thon-moi", "Nông thôn mới"))
    out.append(tag(11, "dien-bien-phu", "Điện Biên Phủ"))
    out.append(attachment(900, f"{MEDIA}/wp-content/uploads/2023/12/lua-muong-phang.jpg", "Bà con thu hoạch lúa."))
    out.append(attachment(901, f"{MEDIA}/wp-content/uploads/2023/12/ca-phe.png", "Vườn cà phê Mường Ảng."))
    out.append(attachment(902, f"{MEDIA}/wp-content/uploads/2023/12/khong-co.jpg", "Ảnh đã mất."))
    cats = [("thoi-su", "Thời sự"), ("nong-nghiep", "Nông nghiệp"), ("van-hoa", "Văn hóa"), ("kinh-te", "Kinh tế")]
    statuses = {25: "draft", 26: "draft", 27: "pending", 28: "private", 29: "future", 30: "trash"}
    for n in range(1, 31):
        place, topic = PLACES[n % len(PLACES)], TOPICS[n % len(TOPICS)]
        title = f"{place}: {topic} năm 2023 (bài {n})"
        body = f"<p>Ngày {n}/12, người dân {place} {topic}.</p><p>Nội dung chi tiết của bài {n}.</p>"
        meta = {"post_views_count": 1000 + n}
        excerpt = f"ĐBP - Sapo bài {n}: {place} {topic}." if n % 3 else ""
        if not excerpt:
            body = f"<p><strong>ĐBP - Mở đầu bài {n} ở {place}.</strong></p>" + body
        if n in (1, 2, 3):
            meta["_thumbnail_id"] = 900
        if n == 4:
            meta["_thumbnail_id"] = 901
        if n == 5:
            meta["_thumbnail_id"] = 902
        if n == 6:
            body += (
                f'<figure><img src="{MEDIA}/wp-content/uploads/2023/12/lua-muong-phang.jpg" alt="Lúa chín"></figure>'
            )
        if n == 7:
            body += '<p>Xem thêm: <a href="https://baodienbien.vn/2023/12/01/bai-so-1/">bài 1</a> và '
            body += '<a href="https://example.org/khac">trang khác</a>.</p>'
        if n == 8:
            title = unicodedata.normalize("NFD", "Điện Biên Phủ đón khách Đắk Lắk")
            meta["byline"] = "Tin, ảnh: Quang Long"
        if n == 9:
            body += '<script>alert("x")</script><p onclick="x()">Giữ đoạn này.</p>'
        date_local = f"2023-12-{n:02d} {9 + n % 10:02d}:23:00"
        date_gmt = f"2023-12-{n:02d} {2 + n % 10:02d}:23:00"
        if n == 29:
            date_local, date_gmt = "2031-01-01 09:00:00", "2031-01-01 02:00:00"
        if statuses.get(n) == "draft":
            date_gmt = "0000-00-00 00:00:00"
        comments = []
        if n == 1:
            comments = [
                {"id": 1, "name": "Lò Văn Minh", "email": "minh@example.vn", "body": "Bài viết rất hay!"},
                {"id": 2, "name": "Cà Thị Hoa", "email": "", "body": "Chờ duyệt.", "approved": "0"},
                {"id": 3, "name": "Spam", "email": "x@spam.test", "body": "Mua ngay", "approved": "spam"},
            ]
        out.append(
            post(
                n,
                title,
                body,
                slug=f"bai-so-{n}",
                date_gmt=date_gmt,
                date_local=date_local,
                status=statuses.get(n, "publish"),
                categories=[cats[n % 4]],
                tags=[("nong-thon-moi", "Nông thôn mới")] + ([("dien-bien-phu", "Điện Biên Phủ")] if n % 2 else []),
                creator="thuhoa" if n % 2 else "quanglong",
                excerpt=excerpt,
                meta=meta,
                comments=comments,
            )
        )
    out.append(FOOTER)
    return "".join(out)


def write_fixture(path):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(fixture_text())
