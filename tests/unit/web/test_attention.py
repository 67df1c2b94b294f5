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


def test_a_reminder_about_a_task_already_shown_is_one_item_opened_through_it() -> None:
    assert merge([TASK, REMINDER]) == [
        AttentionItem(TASK.title, TASK.detail, href="/notifications/n1/open")
    ]


def test_a_notification_about_something_else_stays() -> None:
    other = AttentionItem("Request decided", href="/notifications/n2/open", about="/requests/r1")
    assert merge([TASK, other]) == [TASK, other]


def test_a_new_report_and_its_task_are_one_urgent_item_in_the_tasks_words() -> None:
    case = AttentionItem(
        "Report to acknowledge", "Threat — acknowledge by …", href="/reports/cases/k1"
    )
    alert = AttentionItem(
        "New report for you: Threat",
        href="/notifications/n3/open",
        urgent=True,
        about="/reports/cases/k1",
    )
    assert merge([TASK, case, alert]) == [
        AttentionItem(case.title, case.detail, href="/notifications/n3/open", urgent=True),
        TASK,
    ]


def test_an_urgent_notification_about_no_task_shows_first() -> None:
    alert = AttentionItem(
        "Threatening comment", href="/notifications/n4/open", urgent=True, about="/moderation"
    )
    assert merge([TASK, alert]) == [alert, TASK]


def test_two_notifications_about_one_task_are_still_one_item() -> None:
    again = AttentionItem("Reminder", href="/notifications/n5/open", about="/acknowledgments/c1")
    merged = merge([TASK, REMINDER, again])
    assert [item.title for item in merged] == [TASK.title]
