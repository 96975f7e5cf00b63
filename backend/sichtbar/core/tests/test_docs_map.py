"""docs/architecture.md and docs/operations.md stay true: apps, layers, events, periodic jobs as in code."""

import configparser
import dataclasses
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings

from config.schedule import BEAT_SCHEDULE
from sichtbar.core import events

REPO = Path(__file__).resolve().parents[4]
ARCHITECTURE = (REPO / "docs" / "architecture.md").read_text()
OPERATIONS = (REPO / "docs" / "operations.md").read_text()


def _section(text: str, heading: str) -> str:
    """The text under `heading` up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n") + len(heading)
    ends = [m.start() for m in re.finditer(rf"^#{{1,{len(level)}}} ", text[start:], re.M)]
    return text[start : start + ends[0]] if ends else text[start:]


def test_the_app_table_lists_exactly_the_installed_sichtbar_apps() -> None:
    table = _section(ARCHITECTURE, "## Django apps and what each owns")
    documented = re.findall(r"^\| `(sichtbar\.\w+)` \|", table, re.M)
    installed = [app for app in settings.INSTALLED_APPS if app.startswith("sichtbar.")]
    assert sorted(documented) == sorted(installed)
    assert len(documented) == len(set(documented))


def test_the_layer_list_is_the_import_linter_contract() -> None:
    documented = re.search(r"```layers\n(.*?)```", ARCHITECTURE, re.S)
    assert documented is not None
    contract = configparser.ConfigParser()
    contract.read(REPO / "backend" / ".importlinter")
    layers = contract["importlinter:contract:layers"]["layers"]
    assert documented.group(1).split() == layers.split()
    # every app sits in exactly one layer of the contract
    named = [name for name in layers.split() if name not in (":", "system")]  # system: tests only
    installed = [
        app.removeprefix("sichtbar.") for app in settings.INSTALLED_APPS if app.startswith("sichtbar.")
    ]
    assert sorted(named) == sorted(installed)


def test_the_event_table_lists_every_event_and_query_of_the_catalogue() -> None:
    table = _section(ARCHITECTURE, "### Events: how a lower app reaches a higher one")
    documented = re.findall(r"^\| `(\w+)`", table, re.M)
    declared = [
        name
        for name, value in vars(events).items()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and issubclass(value, events.Event | events.Query)
        and value not in (events.Event, events.Query)
    ]
    assert sorted(documented) == sorted(declared)


def _every(schedule: Any) -> str:
    """How docs/operations.md words a schedule: `5 minutes`, `hour`, `day at 02:40`, `Monday at 07:00`."""
    if isinstance(schedule, timedelta):
        seconds = int(schedule.total_seconds())
        for unit, size in (("hour", 3600), ("minute", 60), ("second", 1)):
            if seconds % size == 0:
                count = seconds // size
                return unit if count == 1 else f"{count} {unit}s"
    (minute,), (hour,) = schedule.minute, schedule.hour
    day = {"*": "day", "mon": "Monday"}[schedule._orig_day_of_week]
    return f"{day} at {hour:02d}:{minute:02d}"


def test_operations_lists_every_periodic_job_of_the_schedule_exactly() -> None:
    rows = re.findall(
        r"^  \| `([\w-]+)` \| `([\w.]+)`(?: \(([^)]*)\))? \| ([^|]+) \| `(\w+)` \|$", OPERATIONS, re.M
    )
    documented = {name: (task, kwargs, every.strip(), queue) for name, task, kwargs, every, queue in rows}
    expected = {
        name: (
            entry["task"],
            ", ".join(f"{key}={value}" for key, value in entry.get("kwargs", {}).items()),
            _every(entry["schedule"]),
            entry["options"]["queue"],
        )
        for name, entry in BEAT_SCHEDULE.items()
    }
    assert documented == expected
    assert len(rows) == len(BEAT_SCHEDULE)


def test_architecture_names_every_queue() -> None:
    from sichtbar.core.tasks import Queue

    table = _section(ARCHITECTURE, "## Tasks, queues and periodic jobs")
    assert sorted(re.findall(r"^  \| `(\w+)` \|", table, re.M)) == sorted(queue.value for queue in Queue)


def test_the_adr_index_lists_every_record_and_only_existing_ones() -> None:
    folder = REPO / "docs" / "adr"
    records = sorted(path.name for path in folder.glob("[0-9][0-9][0-9][0-9]-*.md"))
    linked = sorted(re.findall(r"\]\(((?:\d{4})-[\w-]+\.md)\)", (folder / "README.md").read_text()))
    assert linked == records
    assert len({name[:4] for name in records}) == len(records)  # one record per number
