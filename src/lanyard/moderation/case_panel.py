"""The comment a case is about, on the case page (a :mod:`lanyard.cases.panels` provider).

A threatening (or defamatory) comment's case links to the case page, never to the
moderation queue: the people it is routed to (a building principal, the district's safety
contact) are not moderators. The case page already decided that the viewer may see the
case; this panel then shows exactly the comment of that case (its words, where it was
posted, why it was flagged, its archive entry) and the pack's guidance, and nothing else
of the queue. A moderator of the account also gets a link to it in the queue.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lanyard.auth.permissions import Principal, moderation_scope
from lanyard.cases.orm import Case
from lanyard.cases.panels import CasePanel, case_panel
from lanyard.moderation.archive import managed_account_ids
from lanyard.moderation.orm import ArchiveEntry, Comment
from lanyard.moderation.queue import (
    CATEGORY_LABELS,
    SELF_HARM_ADVICE,
    defamation_guidance,
    evidence_of,
    highlight,
    is_self_harm,
    likelihood,
    score_words,
    threat_guidance,
)
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.policy import load_pack


@case_panel
def escalated_comment(session: Session, case: Case, viewer: Principal) -> CasePanel | None:
    if case.source != "moderation":
        return None
    comment = session.scalars(
        select(Comment).where(or_(Comment.case_id == case.id, Comment.report_id == case.id))
    ).first()
    if comment is None:
        return None
    account = session.get(OfficialAccount, comment.official_account_id)
    if account is None:  # the foreign key makes this impossible
        return None
    pack = load_pack(case.pack_id).document
    threat = comment.case_id == case.id
    guidance = threat_guidance(pack) if threat else defamation_guidance(pack)
    entry = (
        session.get(ArchiveEntry, comment.archive_entry_id) if comment.archive_entry_id else None
    )
    scope = moderation_scope(
        viewer, managed_account_ids=managed_account_ids(session, viewer.person_id)
    )
    context: dict[str, Any] = {
        "id": comment.id,
        "threat": threat,
        "self_harm": threat and is_self_harm(comment.classification),
        "self_harm_advice": SELF_HARM_ADVICE,
        "segments": highlight(comment.text, evidence_of(comment.classification)),
        "text": comment.text,
        "author": comment.author_display or "Unknown author",
        "created": comment.created_time,
        "received": comment.received_at,
        "permalink": comment.permalink,
        "platform": comment.platform,
        "account": account.handle,
        "state": comment.state,
        "categories": [
            {
                "label": CATEGORY_LABELS.get(cat["id"], cat["id"]),
                "score": cat["score"],
                "likelihood": likelihood(cat["score"], True),
                "score_words": score_words(cat["score"], cat.get("threshold")),
                "evidence": cat.get("evidence", []),
                "clause": cat.get("clause"),
            }
            for cat in comment.classification.get("categories", [])
            if cat.get("flagged")
        ],
        "guidance": guidance,
        "archive": {"sha256": entry.content_sha256, "at": entry.archived_at} if entry else None,
        "queue_link": (
            f"/moderation?comment={comment.id}"
            if scope.covers(account.id, account.building_id) and viewer.kind == "staff"
            else None
        ),
    }
    return CasePanel("moderation/case_comment.html", {"comment": context})
