"""A demo video for ``make demo`` (articles' load_demo): a short clip made
with ffmpeg from the demo's photos (a few seconds each, 1280 × 720, a quiet
tone for sound), then put through the library's real pipeline — probed,
transcoded, poster taken — with WebVTT captions. Without ffmpeg nothing is
made and the caller is told why."""

import subprocess
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from . import ffmpeg, services
from .models import Video

SECONDS_PER_IMAGE = 3.5


def make_clip(images, target):
    """An MP4 of ``images`` (paths), one after the other."""
    command = [ffmpegpath(), "-hide_banner", "-v", "error", "-y"]
    for image in images:
        command += ["-loop", "1", "-t", str(SECONDS_PER_IMAGE), "-i", str(image)]
    total = SECONDS_PER_IMAGE * len(images)
    command += ["-f", "lavfi", "-t", str(total), "-i", "sine=frequency=220:sample_rate=44100"]
    scaled = "".join(
        f"[{n}:v]scale=1280:720:force_original_aspect_ratio=increase,crop=1280:720,setsar=1,fps=25[v{n}];"
        for n in range(len(images))
    )
    joined = "".join(f"[v{n}]" for n in range(len(images)))
    command += [
        "-filter_complex",
        f"{scaled}{joined}concat=n={len(images)}:v=1:a=0[v];[{len(images)}:a]volume=0.05[a]",
        "-map",
        "[v]",
        "-map",
        "[a]",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        str(target),
    ]
    subprocess.run(command, check=True, timeout=300, capture_output=True)  # noqa: S603 - our own arguments


def ffmpegpath():
    from django.conf import settings

    return settings.NEWSROOM_FFMPEG


def demo_video(image_dir, spec):
    """The library video of ``spec`` (title, caption, credit, images,
    captions), made once; None with a reason when ffmpeg is missing."""
    existing = Video.objects.filter(title=spec["title"]).ready().first()
    if existing is not None:
        return existing, ""
    if not ffmpeg.available():
        return None, "ffmpeg chưa được cài (make ffmpeg): bỏ qua video mẫu."
    with tempfile.TemporaryDirectory(prefix="newsroom-demo-video-") as folder:
        clip = Path(folder) / "demo.mp4"
        make_clip([Path(image_dir) / name for name in spec["images"]], clip)
        video = Video(title=spec["title"], caption=spec.get("caption", ""), credit=spec.get("credit", ""))
        if spec.get("captions"):
            lines = ["WEBVTT", ""]
            for start, end, text in spec["captions"]:
                lines += [f"{start} --> {end}", text, ""]
            services.save_captions(video, "\n".join(lines))
        upload = SimpleUploadedFile("video-mau.mp4", clip.read_bytes(), content_type="video/mp4")
        token = services.stage_upload(video, upload, queue=False)
        outcome = services.process_video(video.pk, token)
    video.refresh_from_db()
    if outcome != "done":
        return None, f"Video mẫu không chuyển mã được: {video.error}"
    return video, ""
