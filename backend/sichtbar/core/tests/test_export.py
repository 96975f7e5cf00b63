"""The one export helper: the formula guard on every text cell, real cells in XLSX, localised headers."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from sichtbar.core.export import Column, csv_bytes, csv_stream, defuse, header, xlsx_bytes

DANGEROUS = ["=1+1", "+49 30", "-2", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_every_formula_prefix_is_defused(text):
    assert defuse(text) == "'" + text


@pytest.mark.parametrize("text", ["Hallo", "", "a=b", " =1", "'quoted"])
def test_ordinary_text_is_left_alone(text):
    assert defuse(text) == text


def test_csv_whole_and_streamed_agree_and_guard_every_text_cell():
    rows = [[text, 1, None, date(2026, 3, 1)] for text in DANGEROUS]

    whole = csv_bytes(["a", "b", "c", "d"], rows).decode("utf-8-sig")
    streamed = "".join(csv_stream(["a", "b", "c", "d"], rows)).removeprefix("\ufeff")

    assert whole == streamed
    parsed = list(csv.reader(io.StringIO(whole)))
    assert parsed[0] == ["a", "b", "c", "d"]
    assert [row[0] for row in parsed[1:]] == ["'" + text for text in DANGEROUS]
    assert parsed[1][1:] == ["1", "", "2026-03-01"]


def test_xlsx_keeps_numbers_and_dates_as_cells_and_guards_text(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    instant = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)

    data = xlsx_bytes(
        "table", ["text", "number", "money", "when"], [["=HYPERLINK(1)", 3, Decimal("2.50"), instant]]
    )

    sheet = load_workbook(io.BytesIO(data)).active
    text, number, money, when = (cell.value for cell in sheet[2])
    assert text == "'=HYPERLINK(1)"
    assert number == 3 and float(money) == 2.5
    assert when == datetime(2026, 7, 1, 12, 0)  # the company's wall-clock time


def test_headers_follow_the_active_language():
    columns = [Column("title", gettext_lazy("Title")), Column("source", gettext_lazy("Source"))]

    with translation.override("de"):
        german = header(columns)
    with translation.override("en"):
        english = header(columns)

    assert german == ["Titel", "Quelle"] and english == ["Title", "Source"]
