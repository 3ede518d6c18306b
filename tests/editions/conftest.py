import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture
def media(settings, tmp_path):
    """A MEDIA_ROOT of the test's own, to see exactly which files remain."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files_under(root):
    """Every file left under ``root`` (folders without files do not count)."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def pdf_upload(data, name="so-bao.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """``upload(issue, data_or_files)``: what the admin does on save — the
    PDF(s) staged, the processing queued and (ImmediateBackend) run."""
    from editions import services

    def run(issue, data, name="so-bao.pdf"):
        files = data if isinstance(data, list) else [pdf_upload(data, name)]
        with django_capture_on_commit_callbacks(execute=True):
            services.stage_upload(issue, files)
        issue.refresh_from_db()
        return issue

    return run
