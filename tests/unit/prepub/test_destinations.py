"""Where a draft goes: an official account's platform decides the consent uses it needs
and the pack's rules about posting there."""

from __future__ import annotations

import pytest

from lanyard.moderation.classifiers.names import StudentNames
from lanyard.policy import load_pack
from lanyard.prepub.destinations import account_destination, destination, destination_findings
from lanyard.prepub.domain import Directory, StudentConsent, Verdict, check_text
from tests.unit.prepub.test_domain import _Person


def _account(platform: str):  # type: ignore[no-untyped-def]
    return account_destination(account_id="a1", platform=platform, handle="@north",
                               url="https://example.org/north", building_id=None)  # fmt: skip


@pytest.mark.parametrize(
    ("platform", "to", "uses"),
    [
        ("youtube", "social", ("social_media", "video")),
        ("tiktok", "social", ("social_media", "video")),
        ("instagram", "social", ("social_media",)),
        ("website", "website", ("website",)),
        ("blog", "website", ("website",)),
    ],
)
def test_an_accounts_platform_decides_the_uses_its_posts_need(
    platform: str, to: str, uses: tuple[str, ...]
) -> None:
    where = _account(platform)
    assert (where.to, where.uses) == (to, uses)
    assert destination("newsletter").uses == ("newsletter",)
    with pytest.raises(ValueError, match="to must be one of"):
        destination("billboard")


DIRECTORY = Directory(
    StudentNames.from_people([_Person("Grace", "Hopper")]),
    {"Grace Hopper": "s1"},
    {"s1": StudentConsent({"social_media": "opt_in", "video": "opt_out"})},
)


def test_a_student_opted_out_of_video_is_unsafe_on_youtube_not_on_instagram() -> None:
    text = "Grace Hopper's robotics demo"
    on_youtube = check_text(text, use=_account("youtube").uses, directory=DIRECTORY)
    assert on_youtube.verdict is Verdict.UNSAFE
    assert "opted out of video" in on_youtube.findings[0].reason
    on_instagram = check_text(text, use=_account("instagram").uses, directory=DIRECTORY)
    assert on_instagram.verdict is Verdict.SAFE


def test_nothing_on_file_for_video_is_review_on_a_video_account() -> None:
    released = Directory(DIRECTORY.names, DIRECTORY.ids_by_name,
                         {"s1": StudentConsent({"social_media": "opt_in"})})  # fmt: skip
    result = check_text("Grace Hopper's demo", use=("social_media", "video"), directory=released)
    assert result.verdict is Verdict.REVIEW
    assert "no media release or opt-out on file for video" in result.findings[0].reason
    released = StudentConsent({"social_media": "opt_in", "video": "opt_in"})
    both = Directory(DIRECTORY.names, DIRECTORY.ids_by_name, {"s1": released})
    safe = check_text("Grace Hopper's demo", use=("social_media", "video"), directory=both)
    assert safe.verdict is Verdict.SAFE
    assert safe.findings[0].reason.endswith(": release on file for social media and video")


def test_the_packs_rules_about_a_platform_are_findings_with_their_clause() -> None:
    naperville = load_pack("naperville-203")
    found = destination_findings(naperville, _account("snapchat"))
    assert [f.citation.rule for f in found if f.citation] == [
        "snapchat-activities-athletics-events-only", "snapchat-needs-building-administrator"
    ]  # fmt: skip
    assert all(f.verdict is Verdict.REVIEW and f.kind == "destination_rule" for f in found)
    assert "building administration (social-media-request)" in found[1].reason
    # a platform the pack says nothing particular about, and a pack without such rules
    assert destination_findings(naperville, _account("instagram")) == ()
    assert destination_findings(load_pack("chsd-230"), _account("snapchat")) == ()
    assert destination_findings(naperville, destination("social")) == ()
