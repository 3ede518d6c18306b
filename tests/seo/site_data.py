"""A small but complete public site for the independent checkers (the Nu
HTML Checker, the structured-data reader): every kind of public page has
something to show. Times keep their microseconds, as the admin's "publish
now" does, so a page that prints them is caught."""

from datetime import date, timedelta

from django.utils import timezone

from articles.contributions import attach_from_byline
from links.models import Link, LinkGroup
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    library_image,
    printed_issue,
)
from tests.polls.conftest import make_poll


def build_site():
    now = timezone.now().replace(microsecond=157397)
    news = CategoryFactory(name="Thời sự", slug="thoi-su", show_on_home=True)
    culture = CategoryFactory(name="Văn hóa", slug="van-hoa", show_on_home=True)
    lonely = CategoryFactory(name="Pháp luật", slug="phap-luat", show_on_home=True)
    CategoryFactory(name="Giao thông", slug="giao-thong", parent=news)
    picture = library_image()
    article = ArticleFactory(
        category=news,
        title="Thông xe tuyến đường nội trung tâm xã Mường Phăng với ba bản vùng cao",
        kicker="Nhân kỷ niệm Ngày Báo chí cách mạng Việt Nam:",
        lead="Bà con các bản vùng cao phấn khởi khi con đường mới nối về trung tâm xã.",
        body=(
            "<p>Đoạn mở đầu về con đường mới, dài 12 km.</p>"
            f'<figure><img src="{picture.file.url}" alt="Con đường mới">'
            "<figcaption>Con đường mới.</figcaption></figure>"
            "<p>Đoạn tiếp theo: bà con đi chợ phiên nhanh hơn.</p>"
        ),
        featured_image=picture,
        byline="Tin, ảnh: Quang Long",
        tags=["giao thông", "nông thôn mới"],
        published_at=now - timedelta(minutes=30),
        featured_position=1,
    )
    attach_from_byline(article)
    CommentFactory.create_batch(2, article=article, approved=True)
    for n in range(1, 5):
        ArticleFactory(
            category=news if n % 2 else culture,
            title=f"Tin số {n} của tờ báo mẫu, không có ảnh",
            lead="Một tin ngắn không có ảnh, để thẻ tin không có ảnh giữ được bố cục.",
            tags=["giao thông"],
            published_at=now - timedelta(hours=n, microseconds=n),
        )
    alone = ArticleFactory(
        category=lonely,
        title="Tuyên án vụ khai thác cát trái phép trên sông Nậm Rốm",
        lead="Bài duy nhất của chuyên mục: phần bài khác lấy tin mới nhất.",
        published_at=now - timedelta(hours=6),
    )
    poll = make_poll(question="Bạn đọc báo trên thiết bị nào nhiều nhất?", options=("Điện thoại", "Máy tính"))
    group = LinkGroup.objects.create(name="Báo địa phương", position=1)
    Link.objects.create(group=group, title="Báo Lai Châu", url="https://baolaichau.vn/", position=1)
    issue = printed_issue(pages=2, number=1234, date=date(2026, 12, 4))
    return {"article": article, "alone": alone, "category": news, "poll": poll, "issue": issue}


def page_urls(site):
    """Every kind of public page, by name."""
    article, issue = site["article"], site["issue"]
    edition = issue.edition
    return {
        "home": "/",
        "category": site["category"].get_absolute_url(),
        "article": article.get_absolute_url(),
        "article-alone": site["alone"].get_absolute_url(),
        "print": article.get_print_url(),
        "tag": "/tu-khoa/giao-thong/",
        "search": "/tim-kiem/?q=mường+phăng",
        "search-nothing": "/tim-kiem/?q=khongcobaonao",
        "search-empty": "/tim-kiem/",
        "most-read": "/doc-nhieu/",
        "most-read-30": "/doc-nhieu/?trong=30",
        "feeds": "/rss/",
        "poll": site["poll"].get_absolute_url(),
        "author": "/tac-gia/quang-long/",
        "print-archive": "/bao-in/",
        "print-edition": edition.get_absolute_url(),
        "print-year": f"{edition.get_absolute_url()}2026/",
        "print-month": f"{edition.get_absolute_url()}2026/12/",
        "print-issue": issue.get_absolute_url(),
        "print-page": f"{issue.get_absolute_url()}trang-1/",
        "print-search": "/bao-in/tim-kiem/?q=trang",
        "not-found": "/khong-co-trang-nay/",
    }
