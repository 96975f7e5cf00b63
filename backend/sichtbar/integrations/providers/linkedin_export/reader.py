"""Reads only the members of a LinkedIn export that are imported, defensively: the archive is untrusted.

Guards: member count, a name check (absolute paths, "..", drive letters and NUL reject the whole archive),
the declared and the actually decompressed size of each wanted member and of all of them together, the
compression ratio, encrypted members. Decompression is streamed in chunks and stops at the first byte over
a cap, so a member lying about its size cannot exhaust memory. Nothing is written to disk."""

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Any

CHUNK = 64 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 5000
    max_member_bytes: int = 20 * 1024 * 1024  # one CSV or article, uncompressed
    max_total_bytes: int = 50 * 1024 * 1024  # everything read, uncompressed
    max_ratio: float = 100.0  # uncompressed / compressed, for members above ratio_floor_bytes
    ratio_floor_bytes: int = 64 * 1024
    max_articles: int = 2000


class ArchiveError(Exception):
    """The archive is unusable; `code` is stable (ArchiveErrorCode), the message is for logs."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code


@dataclass
class ArchiveContents:
    shares_csv: bytes | None = None
    articles: list[tuple[str, bytes]] = field(default_factory=list)


_SHARES = re.compile(r"(?:^|/)shares\.csv$", re.IGNORECASE)
_ARTICLE = re.compile(r"(?:^|/)articles/(?:.*/)?[^/]+\.html?$", re.IGNORECASE)


def _unsafe_name(name: str) -> bool:
    normalised = name.replace("\\", "/")
    return (
        normalised.startswith("/")
        or "\x00" in name
        or bool(re.match(r"^[A-Za-z]:", normalised))
        or ".." in normalised.split("/")
    )


def _wanted(name: str) -> str | None:
    if name.endswith("/"):
        return None
    if _SHARES.search(name):
        return "shares"
    if _ARTICLE.search(name):
        return "article"
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Decompress one member, stopping as soon as it exceeds its declared size or the cap."""
    limit = min(info.file_size, cap)
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as member:
        while True:
            chunk = member.read(CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ArchiveError("archive_too_large", f"{info.filename} decompresses beyond {limit} bytes")
            chunks.append(chunk)
    return b"".join(chunks)


def read_archive(fileobj: IO[bytes] | Any, limits: ArchiveLimits | None = None) -> ArchiveContents:
    limits = limits or ArchiveLimits()
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveError("archive_invalid", str(exc)) from exc
    with archive:
        try:
            infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:  # pragma: no cover - defensive
            raise ArchiveError("archive_invalid", str(exc)) from exc
        if len(infos) > limits.max_members:
            raise ArchiveError("archive_too_many_files", f"{len(infos)} members")
        if any(_unsafe_name(info.filename) for info in infos):
            raise ArchiveError("archive_unsafe_path", "absolute or parent-relative member name")
        wanted = [(kind, info) for info in infos if (kind := _wanted(info.filename))]
        if sum(1 for kind, _info in wanted if kind == "article") > limits.max_articles:
            raise ArchiveError("archive_too_many_files", "too many articles")
        declared = 0
        for _kind, info in wanted:
            if info.flag_bits & 0x1:
                raise ArchiveError("archive_encrypted", info.filename)
            if info.file_size > limits.max_member_bytes:
                raise ArchiveError("archive_too_large", f"{info.filename} declares {info.file_size} bytes")
            if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise ArchiveError("archive_too_large", f"{info.filename} compression ratio")
            declared += info.file_size
        if declared > limits.max_total_bytes:
            raise ArchiveError("archive_too_large", f"{declared} bytes declared in total")

        contents = ArchiveContents()
        budget = limits.max_total_bytes
        for kind, info in wanted:
            try:
                data = _read_member(archive, info, min(limits.max_member_bytes, budget))
            except ArchiveError:
                raise
            except (
                zipfile.BadZipFile,
                zlib.error,
                OSError,
                ValueError,
                EOFError,
                NotImplementedError,
            ) as exc:
                raise ArchiveError("archive_invalid", f"{info.filename}: {exc}") from exc
            budget -= len(data)
            if kind == "shares":
                if contents.shares_csv is None:  # one Shares.csv per export; a second one is ignored
                    contents.shares_csv = data
            else:
                contents.articles.append((info.filename, data))
        return contents
