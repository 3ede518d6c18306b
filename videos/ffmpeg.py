"""ffprobe and ffmpeg, the only code that runs them (docs/multimedia.md).

``probe()`` reads what a file really is — from its first bytes and from
ffprobe, never from its name or the browser's content type — and checks the
limits; ``transcode()`` makes the web renditions (H.264/AAC MP4 with
``+faststart``, no metadata) and the poster frame into a folder, reporting
progress. Both run ffmpeg's programs as child processes with a memory
(address space) and time limit, so a hostile file costs a child, never a
server worker. Nothing here touches the database (videos/services.py does).
"""

import json
import math
import resource
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The containers accepted, as ffprobe names them, and the first bytes each
# must start with (an ISO/QuickTime "ftyp" box at offset 4; the EBML magic
# of WebM with its "webm" doctype in the header).
MP4_FORMATS = "mov,mp4,m4a,3gp,3g2,mj2"
WEBM_FORMATS = "matroska,webm"
VIDEO_CODECS = frozenset({"h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "prores", "mjpeg"})
PROBE_SECONDS = 30
MAX_SIDE = 4096  # 4K (DCI) at most: anything larger is refused before decoding


class VideoProblem(Exception):
    """The file cannot become a library video; ``str()`` is the journalist's
    message, in Vietnamese."""


@dataclass(frozen=True)
class Probe:
    container: str  # "mp4" or "webm"
    duration: float  # seconds
    width: int  # as displayed (rotation applied)
    height: int
    has_audio: bool


def available():
    return bool(shutil.which(settings.NEWSROOM_FFPROBE) and shutil.which(settings.NEWSROOM_FFMPEG))


def _limits():
    memory = settings.NEWSROOM_VIDEO_MEMORY_MB * 1024 * 1024

    def apply():  # in the child, before it runs ffmpeg
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def sniff(path):
    """ "mp4" (MP4 or QuickTime MOV), "webm", or None, from the first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(64)
    if len(head) >= 12 and head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free"):
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head:
        return "webm"
    return None


def probe(path, size=None):
    """Check the upload at ``path``; return a Probe or raise VideoProblem."""
    path = Path(path)
    size = path.stat().st_size if size is None else size
    if size > settings.NEWSROOM_VIDEO_MAX_BYTES:
        raise VideoProblem(
            _("Tệp video nặng %(size)s, quá giới hạn %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.NEWSROOM_VIDEO_MAX_BYTES)}
        )
    container = sniff(path)
    if container is None:
        raise VideoProblem(_("Tệp này không phải video MP4, WebM hoặc MOV (đã kiểm tra nội dung tệp, không theo tên)."))
    if not available():
        raise VideoProblem(_("Máy chủ chưa cài ffmpeg nên chưa nhận video được. Hãy báo quản trị (make ffmpeg)."))
    command = [
        settings.NEWSROOM_FFPROBE,
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        "-i",
        f"file:{path}",
    ]
    try:
        done = subprocess.run(  # noqa: S603 - our own arguments, the file given as file:
            command, capture_output=True, timeout=PROBE_SECONDS, preexec_fn=_limits(), check=False
        )
    except subprocess.TimeoutExpired:
        raise VideoProblem(_("Tệp video bị hỏng: đọc thử quá lâu.")) from None
    try:
        info = json.loads(done.stdout or b"null")
    except ValueError:
        info = None
    if done.returncode != 0 or not isinstance(info, dict) or "format" not in info:
        raise VideoProblem(_("Tệp video bị hỏng hoặc không đầy đủ, không đọc được."))
    formats = info["format"].get("format_name", "")
    expected = MP4_FORMATS if container == "mp4" else WEBM_FORMATS
    if formats != expected:
        raise VideoProblem(_("Tệp này không phải video MP4, WebM hoặc MOV (đã kiểm tra nội dung tệp, không theo tên)."))
    streams = info.get("streams") or []
    video = next(
        (s for s in streams if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")),
        None,
    )
    if video is None:
        raise VideoProblem(_("Tệp không có hình: không phải video."))
    if video.get("codec_name") not in VIDEO_CODECS:
        raise VideoProblem(
            _("Video mã hóa bằng “%(codec)s”, chưa nhận được. Hãy xuất lại thành MP4 (H.264).")
            % {"codec": video.get("codec_name") or "?"}
        )
    try:
        duration = float(info["format"].get("duration") or video.get("duration") or "nan")
        width, height = int(video["width"]), int(video["height"])
    except (KeyError, TypeError, ValueError):
        raise VideoProblem(_("Tệp video bị hỏng hoặc không đầy đủ, không đọc được.")) from None
    if not math.isfinite(duration) or duration <= 0 or width <= 0 or height <= 0:
        raise VideoProblem(_("Tệp video bị hỏng hoặc không đầy đủ, không đọc được."))
    if duration > settings.NEWSROOM_VIDEO_MAX_SECONDS:
        raise VideoProblem(
            _("Video dài %(length)s, quá giới hạn %(limit)s.")
            % {"length": clock(duration), "limit": clock(settings.NEWSROOM_VIDEO_MAX_SECONDS)}
        )
    if max(width, height) > MAX_SIDE:
        raise VideoProblem(
            _("Video %(width)s × %(height)s điểm ảnh, lớn quá (tối đa %(max)s điểm ảnh mỗi chiều).")
            % {"width": width, "height": height, "max": MAX_SIDE}
        )
    if _rotated(video):
        width, height = height, width
    return Probe(
        container=container,
        duration=duration,
        width=width,
        height=height,
        has_audio=any(s.get("codec_type") == "audio" for s in streams),
    )


def _rotated(stream):
    """A phone's portrait video is stored landscape with a rotation."""
    rotation = (stream.get("tags") or {}).get("rotate")
    for data in stream.get("side_data_list") or []:
        if "rotation" in data:
            rotation = data["rotation"]
    try:
        return abs(int(float(rotation or 0))) % 180 == 90
    except ValueError:
        return False


def clock(seconds):
    """``1:05`` or ``1:02:03``."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def even(value):
    return max(2, int(value) // 2 * 2)


def rendition_sizes(width, height):
    """The renditions of a ``width`` × ``height`` video: its short side at
    each of NEWSROOM_VIDEO_SIZES (720 and 360) not larger than its own,
    never enlarged; the video's own size when it is smaller than all."""
    short, long_ = min(width, height), max(width, height)
    sizes = []
    for target in settings.NEWSROOM_VIDEO_SIZES:
        if target <= short:
            other = even(long_ * target / short)
            sizes.append((other, target) if width >= height else (target, other))
    if not sizes:
        sizes.append((even(width), even(height)))
    return sizes


class TranscodeFailed(VideoProblem):
    pass


def transcode(source, folder, probed, on_progress=None):
    """Make the renditions and the poster of ``source`` in ``folder``.
    Returns a list of ``{"name", "width", "height", "bytes"}`` (largest first)
    and the poster's ``{"name", "width", "height"}``. Raises TranscodeFailed.
    One ffmpeg run decodes the source once and writes every rendition."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = rendition_sizes(probed.width, probed.height)
    command = [settings.NEWSROOM_FFMPEG, "-hide_banner", "-nostdin", "-y", "-v", "error", "-i", f"file:{source}"]
    outputs = []
    for width, height in sizes:
        name = f"{height if width >= height else width}p.mp4"
        outputs.append({"name": name, "width": width, "height": height})
        command += ["-map", "0:v:0"]
        if probed.has_audio:
            command += ["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"]
        command += [
            "-vf",
            f"scale={width}:{height},format=yuv420p",
            "-c:v",
            "libx264",
            "-preset",
            settings.NEWSROOM_VIDEO_PRESET,
            "-crf",
            "23",
            "-maxrate",
            "4M" if max(width, height) > 1000 else "1200k",
            "-bufsize",
            "8M",
            "-threads",
            str(settings.NEWSROOM_VIDEO_THREADS),
            # No metadata of the source: no creation time, place, camera,
            # chapters; the encoder writes only its name.
            "-map_metadata",
            "-1",
            "-map_chapters",
            "-1",
            "-metadata:s:v",
            "handler_name=",
            "-metadata:s:a",
            "handler_name=",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(folder / name),
        ]
    command += ["-progress", "pipe:1", "-nostats"]
    _run(command, probed.duration, on_progress)
    for output in outputs:
        output["bytes"] = (folder / output["name"]).stat().st_size
    poster = make_poster(source, folder / "poster.jpg", probed, sizes[0])
    return outputs, poster


def make_poster(source, target, probed, size):
    """A frame a little into the video (not the first: often black), as JPEG
    at the largest rendition's size."""
    at = min(2.0, probed.duration / 3)
    command = [
        settings.NEWSROOM_FFMPEG,
        "-hide_banner",
        "-nostdin",
        "-y",
        "-v",
        "error",
        "-ss",
        f"{at:.3f}",
        "-i",
        f"file:{source}",
        "-frames:v",
        "1",
        "-vf",
        f"scale={size[0]}:{size[1]}",
        "-map_metadata",
        "-1",
        "-q:v",
        "3",
        "-f",
        "image2",
        str(target),
    ]
    _run(command, None, None)
    if not Path(target).exists():
        raise TranscodeFailed(_("Không lấy được khung hình làm ảnh đại diện: tệp video bị hỏng."))
    return {"name": Path(target).name, "width": size[0], "height": size[1]}


def _run(command, duration, on_progress):
    """Run ffmpeg with the limits; report ``percent`` from its -progress
    lines at most once a second."""
    deadline = time.monotonic() + settings.NEWSROOM_VIDEO_TIMEOUT
    with subprocess.Popen(  # noqa: S603 - our own arguments
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limits()
    ) as process:
        last = 0.0
        try:
            for line in process.stdout:
                if time.monotonic() > deadline:
                    raise TranscodeFailed(
                        _("Chuyển mã video quá %(minutes)s phút nên đã dừng.")
                        % {"minutes": max(1, round(settings.NEWSROOM_VIDEO_TIMEOUT / 60))}
                    )
                key, _sep, value = line.decode("ascii", "replace").strip().partition("=")
                if key == "out_time_us" and duration and on_progress and time.monotonic() - last >= 1:
                    try:
                        done = int(value) / 1_000_000
                    except ValueError:
                        continue
                    last = time.monotonic()
                    on_progress(max(0, min(99, int(100 * done / duration))))
            process.wait(timeout=max(1, deadline - time.monotonic()))
        except (TranscodeFailed, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
            if time.monotonic() > deadline:
                raise TranscodeFailed(
                    _("Chuyển mã video quá %(minutes)s phút nên đã dừng.")
                    % {"minutes": max(1, round(settings.NEWSROOM_VIDEO_TIMEOUT / 60))}
                ) from None
            raise
        errors = process.stderr.read().decode("utf-8", "replace")
    if process.returncode != 0:
        if "Cannot allocate memory" in errors or process.returncode < 0:
            raise TranscodeFailed(_("Chuyển mã video cần quá nhiều bộ nhớ hoặc bị dừng giữa chừng."))
        raise TranscodeFailed(_("Tệp video bị hỏng ở giữa, ffmpeg không chuyển mã được."))
