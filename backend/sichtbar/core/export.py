"""One way to hand a table to a spreadsheet, used by every export (audit log, mentions, analytics):
CSV (UTF-8 with a BOM so Excel reads it, streamed or whole) and XLSX (numbers, dates and times as real
cells), headers in the request's language, and the formula guard on every text cell.

The guard: a cell that starts with = + - @, a tab or a carriage return is run as a formula by spreadsheet
programs (CSV/formula injection, OWASP); such text gets a leading apostrophe, which they show as text.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_FORMATS = {datetime: "yyyy-mm-dd hh:mm:ss", date: "yyyy-mm-dd", Decimal: "#,##0.00"}


@dataclass(frozen=True)
class Column:
    """A column of an export: its key in code, its header (a lazy translation: rendered per request)."""

    key: str
    label: str | Promise


def header(columns: Sequence[Column]) -> list[str]:
    """The header row in the active language."""
    return [str(column.label) for column in columns]


def defuse(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return f"'{text}" if text[:1] in FORMULA_PREFIXES else text


def local(value: datetime) -> datetime:
    """An aware instant as the company's wall-clock time (TIME_ZONE; headers name the zone)."""
    return timezone.localtime(value, timezone.get_default_timezone()).replace(tzinfo=None)


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value) if timezone.is_aware(value) else value
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return defuse(value)
    return value


def xlsx_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return local(value) if timezone.is_aware(value) else value
    if isinstance(value, str):
        return defuse(value)
    return value


def csv_bytes(header_row: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([defuse(label) for label in header_row])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return text.getvalue().encode("utf-8-sig")


def xlsx_bytes(title: str, header_row: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([defuse(label) for label in header_row])
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            number_format = XLSX_FORMATS.get(type(cell.value))
            if number_format:
                cell.number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(header_row: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text piece by piece (rows are read lazily, e.g. from `QuerySet.iterator()`)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # Excel opens UTF-8 correctly with a BOM
    yield writer.writerow([defuse(label) for label in header_row])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_response(
    *, filename: str, header_row: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A streamed CSV download named `filename`."""
    response = StreamingHttpResponse(csv_stream(header_row, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
