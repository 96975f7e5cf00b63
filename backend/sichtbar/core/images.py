"""The one image pipeline for uploads (profile photos, content images, pictures fetched from a network):
check size, type and pixel count, drop every metadata (EXIF and the like), scale down, store as WebP, and
replace the stored file. Callers turn `ImageRejected` into their own error code and message.
"""

import io
from typing import Any

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # decompression bombs are refused before decoding


class ImageRejected(ValueError):
    """Not an accepted image: too large, another format, broken, or a decompression bomb."""


def webp(stream: Any, *, size: int | None, max_side: int, quality: int, max_bytes: int = MAX_BYTES) -> bytes:
    """The image in `stream` (`size` bytes) as WebP of at most `max_side` pixels a side, without metadata."""
    if size is None or size > max_bytes:
        raise ImageRejected("too large")
    try:
        with Image.open(stream) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ImageRejected(f"format {probe.format}")
            probe.verify()
        stream.seek(0)
        with Image.open(stream) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ImageRejected("too many pixels")
            converted = image.convert("RGB")  # also drops EXIF and other metadata
            converted.thumbnail((max_side, max_side))
            buffer = io.BytesIO()
            converted.save(buffer, format="WEBP", quality=quality)
    except ImageRejected:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise ImageRejected(str(exc)) from None
    return buffer.getvalue()


def replace_file(field: FieldFile, *, name: str, data: bytes) -> None:
    """Store `data` as the field's new file (saving the instance) and delete the file it replaces."""
    old = field.name if field else None
    field.save(name, ContentFile(data))
    if old:
        field.storage.delete(old)
