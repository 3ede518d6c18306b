"""An uploaded PDF becomes an issue's pages in the background: renditions,
text, checks, and nothing half-made when it fails."""

from PIL import Image

from editions.models import PAGE_WIDTHS, Issue
from tests.factories import IssueFactory

from . import pdfs
from .conftest import files_under, pdf_upload


def test_a_four_page_issue_gets_every_page_image_and_its_text(db, media, upload):
    issue = upload(IssueFactory(), pdfs.vietnamese_issue(4))

    assert issue.processing == Issue.Processing.DONE, issue.processing_error
    assert issue.page_count == 4 and issue.pages_done == 4
    pages = list(issue.pages.order_by("number"))
    assert [p.number for p in pages] == [1, 2, 3, 4]
    assert pages[0].text.startswith("Điện Biên Phủ đón khách du lịch dịp lễ hội Hoa Ban")
    assert " dien bien phu don khach " in pages[0].search_text
    for size, width in PAGE_WIDTHS.items():
        for extension, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
            with Image.open(media / pages[2].image_name(issue.files_dir, 3, size, extension)) as image:
                assert (image.format, image.width) == (fmt, width)
                assert image.height == pages[2].height_at(size)


def test_page_images_show_what_the_pdf_draws(db, media, upload):
    issue = upload(IssueFactory(), pdfs.vietnamese_issue(1))
    page = issue.pages.get()
    with Image.open(media / page.image_name(issue.files_dir, 1, "read", "jpg")) as image:
        # The blue box of the sample page, 60 pt from the left and 600 pt up.
        scale = 1000 / 595
        red, green, blue = image.convert("RGB").getpixel((round(200 * scale), round((842 - 660) * scale)))
        assert blue > 150 and red < 80
        assert image.convert("RGB").getpixel((5, 5)) == (255, 255, 255)


def test_the_whole_issue_pdf_is_kept_for_download(db, media, upload):
    data = pdfs.vietnamese_issue(1)
    issue = upload(IssueFactory(), data)
    assert (media / issue.pdf_name).read_bytes() == data
    assert issue.pdf_bytes == len(data)
    assert issue.cover_width == 2000


def test_one_pdf_per_page_is_joined_in_the_order_of_the_file_names(db, media, upload):
    files = [pdf_upload(pdfs.one_page(f"Nội dung trang số {n}"), f"trang-{n}.pdf") for n in (10, 2, 1)]
    issue = upload(IssueFactory(), files)
    assert issue.processing == Issue.Processing.DONE, issue.processing_error
    assert [p.text for p in issue.pages.order_by("number")] == [
        "Nội dung trang số 1",
        "Nội dung trang số 2",
        "Nội dung trang số 10",
    ]
    import pypdf

    assert len(pypdf.PdfReader(media / issue.pdf_name).pages) == 3


def failed(issue, media):
    """The upload failed and left nothing behind: no pages, no files."""
    assert issue.processing == Issue.Processing.FAILED
    assert issue.status == Issue.Status.DRAFT
    assert issue.pages.count() == 0 and issue.page_count == 0 and issue.files_dir == ""
    assert files_under(media) == []
    return issue.processing_error


def test_an_encrypted_pdf_is_refused(db, media, upload):
    error = failed(upload(IssueFactory(), pdfs.encrypted()), media)
    assert error == "Tệp PDF được mã hóa hoặc đặt mật khẩu. Hãy xuất lại PDF không đặt mật khẩu rồi tải lên."


def test_a_pdf_with_javascript_is_refused(db, media, upload):
    error = failed(upload(IssueFactory(), pdfs.with_javascript()), media)
    assert error.startswith("Tệp PDF có mã JavaScript: báo in không được chứa những thứ này.")


def test_a_pdf_with_a_launch_action_is_refused(db, media, upload):
    error = failed(upload(IssueFactory(), pdfs.with_launch_action()), media)
    assert error.startswith("Tệp PDF có lệnh mở chương trình hoặc tệp khác:")


def test_a_truncated_pdf_is_refused(db, media, upload):
    error = failed(upload(IssueFactory(), pdfs.truncated()), media)
    assert error == "Tệp PDF bị cắt cụt (có thể chưa tải lên hết). Hãy tải lên lại."


def test_a_file_that_is_not_a_pdf_is_refused_by_the_processing_too(db, media, upload):
    error = failed(upload(IssueFactory(), b"<html><script>alert(1)</script></html>"), media)
    assert error == "Tệp tải lên không phải là tệp PDF."


def test_a_500_page_pdf_is_over_the_page_limit(db, media, upload):
    error = failed(upload(IssueFactory(), pdfs.many_pages(500)), media)
    assert error == "Số báo có 500 trang, quá giới hạn 100 trang."


def test_the_file_named_in_the_error_when_one_page_of_several_is_bad(db, media, upload):
    files = [pdf_upload(pdfs.one_page("Trang một"), "trang-1.pdf"), pdf_upload(pdfs.encrypted(), "trang-2.pdf")]
    error = failed(upload(IssueFactory(), files), media)
    assert error.startswith("Tệp “trang-2.pdf”: Tệp PDF được mã hóa")


def test_a_renderer_that_runs_out_of_memory_leaves_nothing(db, media, upload, settings):
    settings.NEWSROOM_PRINT_MEMORY_MB = 64  # not even enough to start PDFium and Pillow
    error = failed(upload(IssueFactory(), pdfs.vietnamese_issue(1)), media)
    assert error in (
        "Tệp PDF cần quá nhiều bộ nhớ để xử lý.",
        "Trình đọc PDF dừng đột ngột khi xử lý tệp này (tệp hỏng hoặc quá phức tạp).",
    )


def test_processing_that_takes_too_long_is_stopped(db, media, upload, settings):
    settings.NEWSROOM_PRINT_TIMEOUT = 0
    error = failed(upload(IssueFactory(), pdfs.vietnamese_issue(1)), media)
    assert error == "Xử lý tệp PDF quá 1 phút nên đã dừng."


def test_a_failed_new_upload_keeps_the_pages_readers_have(db, media, upload):
    from editions import services

    issue = upload(IssueFactory(), pdfs.vietnamese_issue(1))
    services.publish(issue, by=None)
    before = files_under(media)
    issue = upload(issue, pdfs.encrypted())
    assert issue.processing == Issue.Processing.FAILED
    assert issue.status == Issue.Status.PUBLISHED and issue.page_count == 1 and issue.pages.count() == 1
    assert files_under(media) == before


def test_a_new_upload_replaces_the_pages_and_removes_the_old_files(db, media, upload):
    issue = upload(IssueFactory(), pdfs.vietnamese_issue(1))
    old_dir = issue.files_dir
    issue = upload(issue, pdfs.vietnamese_issue(2))
    assert issue.page_count == 2 and issue.pages.count() == 2
    assert issue.files_dir != old_dir and not (media / old_dir).exists()
    assert len(files_under(media)) == 1 + 2 * 6  # the PDF and six images a page


def test_an_upload_replaced_before_it_ran_does_nothing(db, media, django_capture_on_commit_callbacks):
    from editions import services

    issue = IssueFactory()
    with django_capture_on_commit_callbacks() as queued:
        first = services.stage_upload(issue, [pdf_upload(pdfs.vietnamese_issue(2))])
        services.stage_upload(issue, [pdf_upload(pdfs.vietnamese_issue(1))])
    assert services.process_issue(issue.pk, first) == "superseded"
    for callback in queued:
        callback()
    issue.refresh_from_db()
    assert issue.page_count == 1
    assert not (media / services.UPLOAD_ROOT).exists() or files_under(media / services.UPLOAD_ROOT) == []


def test_an_issue_deleted_while_its_pages_were_made_leaves_no_files(db, media, monkeypatch):
    from editions import processing, services

    issue = IssueFactory()
    token = services.stage_upload(issue, [pdf_upload(pdfs.vietnamese_issue(1))], queue=False)
    real_run = processing.run

    def run_then_delete(*args, **kwargs):
        result = real_run(*args, **kwargs)
        Issue.objects.filter(pk=issue.pk).delete()  # the desk deleted it meanwhile
        return result

    monkeypatch.setattr(processing, "run", run_then_delete)
    assert services.process_issue(issue.pk, token) == "superseded"
    assert files_under(media) == []


def test_the_database_queue_and_its_worker_process_an_upload(transactional_db, media, settings):
    """As on a server: the save queues a task in the database; nothing is
    processed until `manage.py db_worker` takes it (the worker closes its
    database connections between tasks: a transactional test)."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from editions import services

    # django-tasks builds its backends again when TASKS changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    issue = IssueFactory()
    services.stage_upload(issue, [pdf_upload(pdfs.vietnamese_issue(1))])  # committed at once: the task is queued
    issue.refresh_from_db()
    assert issue.processing == Issue.Processing.QUEUED
    assert DBTaskResult.objects.get().task_path == "editions.tasks.process_issue"
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    issue.refresh_from_db()
    assert issue.processing == Issue.Processing.DONE and issue.page_count == 1
