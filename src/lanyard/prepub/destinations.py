"""Where a draft post goes, and what that asks of it; pure like :mod:`lanyard.prepub.domain`.

A destination is an official account from the registry (its platform), the district's
website, or a newsletter. It decides which consent uses the post needs (a YouTube or TikTok
account posts video, so a video opt-out counts there too) and which of the pack's rules
speak about posting there: the engine decides a district post to that channel, and every
rule that fires because of the platform (Snapchat only for activities and with the
building administrator's permission, say) becomes a finding with its clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lanyard.policy.decision import Verdict as PolicyVerdict
from lanyard.policy.engine import decide
from lanyard.policy.loader import Pack
from lanyard.policy.situation import Situation
from lanyard.prepub.domain import DESTINATIONS, Citation, Finding, Verdict, _keys

# Accounts that post video: a student in one needs a video release too.
VIDEO_PLATFORMS = frozenset({"youtube", "tiktok"})
WEBSITE_PLATFORMS = frozenset({"website", "blog"})
# The situation contract's channel medium of each kind of destination (a newsletter is
# e-mailed to families).
_MEDIUM = {"website": "website", "social": "social_post", "newsletter": "email"}
_LABELS = {
    "website": "the district's website",
    "social": "social media (no account chosen)",
    "newsletter": "a newsletter",
}


@dataclass(frozen=True)
class Destination:
    """Where a draft goes. ``to`` is website, social or newsletter; ``uses`` the consent
    uses the post needs, the first the one the kind of destination names."""

    to: str
    uses: tuple[str, ...]
    label: str
    platform: str | None = None
    account_id: str | None = None
    handle: str | None = None
    url: str | None = None
    building_id: str | None = None

    @property
    def use(self) -> str:
        return self.uses[0]

    @property
    def medium(self) -> str:
        return _MEDIUM[self.to]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"to": self.to, "uses": list(self.uses), "label": self.label}
        if self.account_id is not None:
            out |= {
                "account": self.account_id, "platform": self.platform, "handle": self.handle,
                "url": self.url, "building_id": self.building_id,
            }  # fmt: skip
        return out


def destination(to: str) -> Destination:
    """A kind of destination without an account: website, social or newsletter."""
    if to not in DESTINATIONS:
        raise ValueError(f"to must be one of {', '.join(sorted(DESTINATIONS))}")
    return Destination(to, (DESTINATIONS[to],), _LABELS[to])


def account_destination(
    *, account_id: str, platform: str, handle: str, url: str, building_id: str | None,
    platform_name: str | None = None,
) -> Destination:  # fmt: skip
    """An official account of the registry as a destination."""
    platform = platform.lower()
    uses: tuple[str, ...]
    if platform in WEBSITE_PLATFORMS:
        to, uses = "website", ("website",)
    else:
        to, uses = "social", ("social_media",)
        if platform in VIDEO_PLATFORMS:
            uses = ("social_media", "video")
    label = f"{platform_name or platform} {handle}".strip()
    return Destination(to, uses, label, platform, account_id, handle, url, building_id)


def destination_findings(pack: Pack | None, where: Destination) -> tuple[Finding, ...]:
    """The pack's rules about posting to ``where`` itself: the engine decides a district
    post there, and each rule that fired (not one that could fire on a fact the check does
    not have) reading the channel's platform and limiting the post — prohibited, needs an
    approval, or comes with duties — is a finding for review with its clause. The check
    cannot tell whether the post is one the rule allows (an activity, an approval on
    file), so it asks a person; it never passes or fails a post on the platform alone."""
    if pack is None or where.platform is None:
        return ()
    channel = {"account": "district", "medium": where.medium, "platform": where.platform}
    situation = Situation.model_validate(
        {"district": pack.id, "action": "post", "purpose": "district_business",
         "channel": channel}
    )  # fmt: skip
    rules = {r.id: r for r in pack.document.rules}
    findings: list[Finding] = []
    for fired in decide(pack, situation).fired:
        rule = rules.get(fired.rule_id)
        if rule is None or fired.possible or fired.verdict is PolicyVerdict.ALLOWED:
            continue
        if "channel.platform" not in _keys(rule.when):
            continue
        what = {
            PolicyVerdict.PROHIBITED: "limits posts there",
            PolicyVerdict.NEEDS_APPROVAL: "asks for an approval before posting there",
            PolicyVerdict.ALLOWED_WITH_OBLIGATIONS: "sets duties for posts there",
        }[fired.verdict]
        if rule.approval is not None:
            form = f" ({rule.approval.form})" if rule.approval.form else ""
            what += f": {rule.approval.by.replace('_', ' ')}{form}"
        findings.append(
            Finding(Verdict.REVIEW, "destination_rule",
                    f"review: {where.label}: the district's policy {what}", None,
                    Citation(rule.id, rule.clause, rule.quote))
        )  # fmt: skip
    return tuple(findings)
