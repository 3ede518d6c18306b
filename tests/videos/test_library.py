"""The video library: an upload is checked by its content (ffprobe), within
the limits, transcoded in the background to H.264/AAC MP4 with +faststart
and no metadata, with a poster frame; a failure leaves nothing half-made."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import roles
from tests.factories import ArticleFactory, UserFactory, library_image, role_group
from videos import ffmpeg, services
from videos.models import Video

from .conftest import ffprobe, files_under, upload_of

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/videos/video/add/"


@pytest.fixture
def reporter(client):
    user = UserFactory(username="phongvien", is_staff=True)
    user.groups.add(role_group(roles.REPORTER))
    client.force_login(user)
    return client


def post_upload(client, path, django_capture_on_commit_callbacks, name=None, **fields):
    data = {"title": "Lễ hội Hoa Ban", "caption": "", "credit": "Video: Quang Long", "captions_label": "Tiếng Việt"}
    data.update(fields)
    data["upload"] = upload_of(path, name)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(ADD_URL, data, follow=True)


def moov_before_mdat(path):
    data = path.read_bytes()
    return 0 <= data.find(b"moov") < data.find(b"mdat")


def test_a_reporter_uploads_a_mov_and_gets_clean_web_renditions(
    reporter, media, clips, django_capture_on_commit_callbacks
):
    response = post_upload(reporter, clips["mov"], django_capture_on_commit_callbacks, name="IMG_0042 Nguyễn Văn A.MOV")
    assert response.status_code == 200
    video = Video.objects.get()
    assert video.status == Video.Status.READY, video.error
    assert video.progress == 100 and video.error == ""
    assert video.original_filename == "IMG_0042 Nguyễn Văn A.MOV"
    assert video.uploaded_by.username == "phongvien"
    assert round(video.duration) == 2 and (video.width, video.height) == (320, 240)
    assert f"{video.files_dir}/poster.jpg" in files_under(media)
    # The original is not kept; nothing is left in the work folders.
    assert files_under(media) == sorted([f"{video.files_dir}/240p.mp4", f"{video.files_dir}/poster.jpg"])
    out = media / video.files_dir / "240p.mp4"
    info = ffprobe(out)
    codecs = {s["codec_type"]: s["codec_name"] for s in info["streams"]}
    assert codecs == {"video": "h264", "audio": "aac"}
    assert info["streams"][0]["pix_fmt"] == "yuv420p"
    assert moov_before_mdat(out)  # +faststart: playback starts before the whole file arrives
    tags = {**info["format"].get("tags", {}), **info["streams"][0].get("tags", {})}
    text = str(tags)
    assert "location" not in text and "Bí mật" not in text and "iPhone" not in text and "2026-12-01" not in text
    # The change page shows the player with the poster.
    page = reporter.get(f"/admin/videos/video/{video.pk}/change/").content.decode()
    assert f'src="/media/{video.files_dir}/240p.mp4"' in page
    assert "Đã sẵn sàng" in page


def test_a_larger_video_gets_two_sizes_and_a_portrait_one_keeps_its_shape(media, clips, settings):
    settings.NEWSROOM_VIDEO_SIZES = (360, 180)
    for name, expected in (("mp4", [(640, 360), (320, 180)]), ("portrait", [(180, 320)])):
        video = Video(title=name)
        token = services.stage_upload(video, upload_of(clips[name]), queue=False)
        assert services.process_video(video.pk, token) == "done"
        video.refresh_from_db()
        assert [(r["width"], r["height"]) for r in video.renditions] == expected
        for rendition in video.renditions:
            stream = ffprobe(media / video.files_dir / rendition["name"])["streams"][0]
            assert (stream["width"], stream["height"]) == (rendition["width"], rendition["height"])


def test_webm_is_accepted_and_becomes_mp4(media, clips):
    video = Video(title="webm")
    token = services.stage_upload(video, upload_of(clips["webm"], content_type="video/webm"), queue=False)
    assert services.process_video(video.pk, token) == "done"
    video.refresh_from_db()
    info = ffprobe(media / video.files_dir / video.renditions[0]["name"])
    assert info["format"]["format_name"].startswith("mov,mp4")
    assert [s["codec_type"] for s in info["streams"]] == ["video"]  # no sound in, none made up


@pytest.mark.parametrize(
    ("clip", "message"),
    [
        ("html", "không phải video MP4, WebM hoặc MOV"),
        ("fake_ftyp", "bị hỏng hoặc không đầy đủ"),
        ("corrupt", "bị hỏng hoặc không đầy đủ"),
    ],
)
def test_files_that_are_not_videos_are_refused_with_a_message(
    reporter, media, clips, clip, message, django_capture_on_commit_callbacks
):
    response = post_upload(reporter, clips[clip], django_capture_on_commit_callbacks, name="phong-su.mp4")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Video.objects.exists()
    assert files_under(media) == []


def test_limits_of_size_and_length(reporter, media, clips, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_VIDEO_MAX_SECONDS = 1
    page = post_upload(reporter, clips["mov"], django_capture_on_commit_callbacks).content.decode()
    assert "Video dài 0:02, quá giới hạn 0:01." in page
    settings.NEWSROOM_VIDEO_MAX_SECONDS = 60
    settings.NEWSROOM_VIDEO_MAX_BYTES = 1000
    page = post_upload(reporter, clips["mov"], django_capture_on_commit_callbacks).content.decode()
    assert "quá giới hạn 1000\xa0byte" in page
    assert not Video.objects.exists() and files_under(media) == []


def test_missing_ffmpeg_is_a_message_not_a_500(reporter, media, clips, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_FFPROBE = "/khong/co/ffprobe"
    page = post_upload(reporter, clips["mp4"], django_capture_on_commit_callbacks).content.decode()
    assert "Máy chủ chưa cài ffmpeg" in page
    assert not Video.objects.exists()


def test_a_video_that_breaks_in_the_middle_fails_and_leaves_nothing(media, clips):
    video = Video(title="cut")
    token = services.stage_upload(video, upload_of(clips["truncated"]), queue=False)
    assert services.process_video(video.pk, token) == "failed"
    video.refresh_from_db()
    assert video.status == Video.Status.FAILED
    assert video.error and video.files_dir == "" and video.renditions == []
    assert files_under(media) == []


def test_ffmpeg_failing_during_transcoding_leaves_nothing(media, clips, settings, tmp_path):
    broken = tmp_path / "ffmpeg"
    broken.write_text("#!/bin/sh\necho 'out_time_us=500000'\nexit 1\n")
    broken.chmod(0o755)
    video = Video(title="x")
    token = services.stage_upload(video, upload_of(clips["mp4"]), queue=False)
    settings.NEWSROOM_FFMPEG = str(broken)
    assert services.process_video(video.pk, token) == "failed"
    video.refresh_from_db()
    assert video.status == Video.Status.FAILED
    assert "không chuyển mã được" in video.error
    assert files_under(media) == []


def test_transcoding_too_long_is_stopped(media, clips, settings):
    settings.NEWSROOM_VIDEO_TIMEOUT = 0
    video = Video(title="x")
    token = services.stage_upload(video, upload_of(clips["mp4"]), queue=False)
    assert services.process_video(video.pk, token) == "failed"
    video.refresh_from_db()
    assert "quá 1 phút nên đã dừng" in video.error
    assert files_under(media) == []


def test_progress_is_shown_and_reported_as_json(reporter, media, clips):
    video = Video(title="x")
    services.stage_upload(video, upload_of(clips["mp4"]), queue=False)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.RUNNING, progress=40)
    answer = reporter.get(f"/admin/videos/video/{video.pk}/tien-do/").json()
    assert answer == {"state": "running", "text": "Đang chuyển mã: 40%"}
    page = reporter.get(f"/admin/videos/video/{video.pk}/change/").content.decode()
    assert "Đang chuyển mã: 40%" in page and "admin-progress.js" in page


def test_captions_are_checked_and_kept(reporter, media, clips, django_capture_on_commit_callbacks):
    bad = SimpleUploadedFile("phu-de.vtt", b"<html>1\n00:00.000 --> 00:01.000\nx", content_type="text/vtt")
    page = post_upload(reporter, clips["mp4"], django_capture_on_commit_callbacks, captions_file=bad).content.decode()
    assert "không phải WebVTT" in page and not Video.objects.exists()
    good = SimpleUploadedFile(
        "phu-de.vtt",
        "WEBVTT\r\n\r\n00:00.000 --> 00:01.500\r\nXin chào Điện Biên\r\n".encode(),
        content_type="text/vtt",
    )
    post_upload(reporter, clips["mp4"], django_capture_on_commit_callbacks, captions_file=good)
    video = Video.objects.get()
    assert video.captions.name.endswith(".vtt") and "phu-de" in video.captions.name
    assert (media / video.captions.name).read_text() == "WEBVTT\n\n00:00.000 --> 00:01.500\nXin chào Điện Biên\n"


def test_the_poster_can_be_replaced_by_a_library_picture(media, clips):
    video = Video(title="x")
    token = services.stage_upload(video, upload_of(clips["mp4"]), queue=False)
    services.process_video(video.pk, token)
    video.refresh_from_db()
    assert video.poster_url.endswith("/poster.jpg")
    image = library_image()
    video.poster_image = image
    video.save()
    assert video.poster_url == image.rendition_url(1280)


def test_a_video_an_article_shows_is_not_deleted_an_unused_one_goes_with_its_files(
    client, media, clips, django_capture_on_commit_callbacks
):
    desk = UserFactory(username="thuky", is_staff=True)
    desk.groups.add(role_group(roles.SECRETARY))
    client.force_login(desk)
    video = Video(title="Lễ hội")
    token = services.stage_upload(video, upload_of(clips["mp4"]), queue=False)
    services.process_video(video.pk, token)
    video.refresh_from_db()
    article = ArticleFactory(title="Bài có video", body=f"<p>Xem:</p>{video.body_html()}")
    assert list(services.articles_using(video)) == [article]
    delete_url = f"/admin/videos/video/{video.pk}/delete/"
    page = client.get(delete_url).content.decode()
    assert "Bài viết: Bài có video (video #" in page and "nằm trong nội dung bài" in page
    client.post(delete_url, {"post": "yes"})
    assert Video.objects.filter(pk=video.pk).exists()
    article.delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url, {"post": "yes"})
    assert response.status_code == 302
    assert not Video.objects.exists()
    assert files_under(media) == []


def test_ffmpeg_sizes_never_enlarge():
    assert ffmpeg.rendition_sizes(1920, 1080) == [(1280, 720), (640, 360)]
    assert ffmpeg.rendition_sizes(1080, 1920) == [(720, 1280), (360, 640)]
    assert ffmpeg.rendition_sizes(854, 480) == [(640, 360)]
    assert ffmpeg.rendition_sizes(320, 240) == [(320, 240)]


def test_the_editor_picker_lists_ready_videos_only(reporter, media, clips):
    ready = Video(title="Lễ hội Hoa Ban")
    token = services.stage_upload(ready, upload_of(clips["mp4"]), queue=False)
    services.process_video(ready.pk, token)
    ready.refresh_from_db()
    assert ready.is_ready
    waiting = Video(title="Lễ hội đang chuyển mã")
    services.stage_upload(waiting, upload_of(clips["mp4"]), queue=False)
    answer = reporter.get("/admin/videos/video/chon/", {"q": "lễ hội"}).json()
    assert [v["title"] for v in answer["results"]] == ["Lễ hội Hoa Ban"]
    assert answer["results"][0]["src"] == f"/media/{ready.files_dir}/360p.mp4"
    assert answer["results"][0]["poster"] == f"/media/{ready.files_dir}/poster.jpg"
    bad = reporter.get("/admin/videos/video/chon/", {"trang": "abc"})
    assert bad.status_code == 400 and bad.json()["message"] == "Số trang không hợp lệ."
