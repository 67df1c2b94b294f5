"""The pure policy engine: packs, situations and decisions. No I/O beyond reading packs."""

from lanyard.policy.decision import Approval, Citation, Decision, Obligation, Verdict, strongest
from lanyard.policy.engine import decide, decide_flat, decide_many
from lanyard.policy.loader import (
    Pack,
    PackError,
    builtin_pack_ids,
    load_all_packs,
    load_pack,
    policy_name,
    policy_title,
)
from lanyard.policy.situation import Situation

__all__ = [
    "Approval",
    "Citation",
    "Decision",
    "Obligation",
    "Pack",
    "PackError",
    "Situation",
    "Verdict",
    "builtin_pack_ids",
    "decide",
    "decide_flat",
    "decide_many",
    "load_all_packs",
    "load_pack",
    "policy_name",
    "policy_title",
    "strongest",
]
