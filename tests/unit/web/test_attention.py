"""The home page's "What needs your attention": one item per thing to do."""

from __future__ import annotations

from lanyard.web.attention import AttentionItem, merge

TASK = AttentionItem(
    "Acknowledge the policy: Annual acknowledgment 2026-2027",
    "Read it and sign by January 5, 2027.",
    href="/acknowledgments/c1",
)
REMINDER = AttentionItem(
    "Reminder: acknowledge Annual acknowledgment 2026-2027",
    "Please read and acknowledge the district's policy.",
    href="/notifications/n1/open",
    about="/acknowledgments/c1",
)


def test_a_reminder_about_a_task_already_shown_is_not_repeated() -> None:
    assert merge([TASK, REMINDER]) == [TASK]


def test_a_notification_about_something_else_stays() -> None:
    other = AttentionItem("Request decided", href="/notifications/n2/open", about="/requests/r1")
    assert merge([TASK, other]) == [TASK, other]


def test_an_urgent_notification_always_shows_first() -> None:
    case = AttentionItem("Case assigned to you", href="/reports/cases/k1")
    alert = AttentionItem(
        "Threatening comment", href="/notifications/n3/open", urgent=True, about="/reports/cases/k1"
    )
    assert merge([TASK, case, alert]) == [alert, TASK, case]
