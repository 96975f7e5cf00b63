"""The one image pipeline: what every image upload goes through (profile photos, content images)."""

import io

import pytest
from PIL import Image

from sichtbar.core import images


def _encoded(fmt: str = "JPEG", size: tuple[int, int] = (3000, 1500), exif: bool = False) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "teal")
    extra = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # camera maker
        data[0x8825] = {2: (52.0, 31.0, 0.0)}  # GPS latitude
        extra["exif"] = data.tobytes()
    image.save(buffer, format=fmt, **extra)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_an_accepted_image_is_scaled_and_stored_as_webp_without_metadata(fmt):
    data = _encoded(fmt, exif=fmt == "JPEG")

    out = images.webp(io.BytesIO(data), size=len(data), max_side=512, quality=85)

    with Image.open(io.BytesIO(out)) as result:
        assert result.format == "WEBP"
        assert max(result.size) == 512 and result.size == (512, 256)
        assert not result.getexif()
        assert "exif" not in result.info


@pytest.mark.parametrize(
    "data",
    [b"not an image at all", _encoded("GIF", (10, 10)), _encoded("JPEG")[:200]],
    ids=["garbage", "gif", "truncated"],
)
def test_anything_else_is_rejected_with_one_error(data):
    with pytest.raises(images.ImageRejected):
        images.webp(io.BytesIO(data), size=len(data), max_side=512, quality=85)


def test_too_large_files_and_too_many_pixels_are_rejected_before_decoding(monkeypatch):
    data = _encoded("PNG", (200, 200))
    with pytest.raises(images.ImageRejected):
        images.webp(io.BytesIO(data), size=len(data), max_side=512, quality=85, max_bytes=len(data) - 1)
    with pytest.raises(images.ImageRejected):
        images.webp(io.BytesIO(data), size=None, max_side=512, quality=85)
    monkeypatch.setattr(images, "MAX_PIXELS", 200 * 200 - 1)
    with pytest.raises(images.ImageRejected):
        images.webp(io.BytesIO(data), size=len(data), max_side=512, quality=85)
