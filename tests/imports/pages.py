"""Pages in the three seed layouts (the anatomy of public-pages.md), as the
local test server serves them to the crawler."""


def dienbienphu(title, *, date="09:23 - Chủ Nhật, 31/12/2023", category="Thời sự", body="<p>Nội dung.</p>", extra=""):
    return f"""<!doctype html><html lang="vi"><head><title>{title} - Báo Điện Biên Phủ</title></head><body>
<nav class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/thoi-su/">{category}</a></nav>
<article>
  <p class="post-kicker">Nhân kỷ niệm 70 năm Chiến thắng Điện Biên Phủ:</p>
  <h1 class="post-title">{title}</h1>
  <div class="meta"><span class="post-date">{date}</span> · <span class="post-views">Lượt xem: 5034</span></div>
  <p class="post-sapo"><strong>ĐBP - Đảng bộ, chính quyền và nhân dân các dân tộc tỉnh vui đón năm mới.</strong></p>
  <div class="post-content">{body}<div class="related"><a href="/thoi-su/tin-khac-9.html">Tin khác</a></div>
  <script>track()</script></div>
  <p class="post-author">Tin, ảnh: Quang Long</p>
</article>{extra}</body></html>"""


def backan(title, *, date="09:52, 06/09/2022", body="<p>Nội dung Bắc Kạn.</p>"):
    return f"""<!doctype html><html lang="vi"><body>
<ul class="breadcrumbs"><li><a href="/">Trang chủ</a></li><li><a href="/kinh-te/">Kinh tế</a></li></ul>
<div class="detail-kicker">Nhân kỷ niệm 99 năm Ngày Báo chí Cách mạng Việt Nam:</div>
<h1 class="detail-title">{title}</h1>
<div class="detail-time">{date}</div><div class="detail-views">Lượt xem: 1.234</div>
<div class="detail-sapo">BBK - Sáng nay, tỉnh Bắc Kạn tổ chức hội nghị.</div>
<div class="detail-content">{body}<div class="social">Chia sẻ</div></div>
<div class="detail-author">Minh Đức (CTV)</div>
</body></html>"""


def laichau(title, *, date="08/09/2023 - 02:45 PM", body="<p>Nội dung Lai Châu.</p>"):
    return f"""<!doctype html><html lang="vi"><body>
<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li class="active">Xã hội</li></ol>
<h2 class="news-title">{title}</h2>
<span class="news-date">{date}</span>
<div class="news-summary">Lai Châu triển khai chương trình mới.</div>
<div class="news-body">{body}<div class="other-news">Các bài viết khác</div></div>
<p class="news-author">Theo TTXVN</p>
</body></html>"""
