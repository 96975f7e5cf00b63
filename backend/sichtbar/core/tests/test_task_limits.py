"""Every registered task has a soft and a hard time limit (config/task_limits.py), the soft one first."""

from config.celery_app import app
from config.task_limits import TASK_TIME_LIMITS


def _project_tasks() -> dict[str, object]:
    app.loader.import_default_modules()  # autodiscovery: every app's tasks module
    return {name: task for name, task in app.tasks.items() if name.startswith("sichtbar.")}


def test_every_task_has_a_soft_and_a_hard_time_limit() -> None:
    tasks = _project_tasks()
    assert len(tasks) >= 40  # autodiscovery found the apps' tasks (46 when this was written)
    missing = sorted(
        name
        for name, task in tasks.items()
        if getattr(task, "soft_time_limit", None) is None or getattr(task, "time_limit", None) is None
    )
    assert missing == [], f"add these tasks to config/task_limits.py: {missing}"
    for name, task in tasks.items():
        soft, hard = task.soft_time_limit, task.time_limit  # type: ignore[attr-defined]
        assert 0 < soft < hard, name
        assert (soft, hard) == TASK_TIME_LIMITS[name], name


def test_the_table_names_only_registered_tasks() -> None:
    """A renamed or removed task leaves no stale row behind (its limits would silently not apply)."""
    assert sorted(set(TASK_TIME_LIMITS) - set(_project_tasks())) == []


def test_limits_reach_a_task_as_celery_sends_it() -> None:
    """The limits travel with the task class, so a worker enforces them without any per-call option."""
    task = app.tasks["sichtbar.integrations.tasks.blog_sync"]
    assert (task.soft_time_limit, task.time_limit) == (300, 360)
    task = app.tasks["sichtbar.links.tasks.clicks_flush"]
    assert (task.soft_time_limit, task.time_limit) == (60, 90)
