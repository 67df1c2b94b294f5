"""``POST /api/prepublish/check`` (a draft post's text) and ``POST /api/prepublish/bcc`` (a group
e-mail's recipients), for the page and for a district's CMS or newsletter tool.

Both read the whole district's directory and consents, so they are for staff whose role
carries ``read_directory`` or ``moderate`` district-wide (the communications office, the
webmaster); a check is recorded in the audit log, never the draft or the names in it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from lanyard.auth.permissions import MODERATE, READ_DIRECTORY, Permission, Principal
from lanyard.bootstrap import Services
from lanyard.policy import load_pack
from lanyard.prepub.domain import DESTINATIONS, recipients_from_eml, recipients_from_text
from lanyard.prepub.service import run_recipients_check, run_text_check
from lanyard.web.deps import get_services, now, require


def can_check_publication(principal: Principal) -> Permission:
    """Staff with read_directory or moderate district-wide."""
    if principal.kind == "staff":
        for capability in (READ_DIRECTORY, MODERATE):
            grant = principal.district_grant(capability)
            if grant is not None:
                return Permission(True, f"as {grant.role} you may check posts before publishing")
    return Permission(
        False, "the pre-publication check reads every student's consents: it is for staff "
        "whose role reads the directory or moderates district-wide"
    )  # fmt: skip


router = APIRouter(prefix="/api/prepublish", tags=["prepub"])
Checker = Annotated[Principal, Depends(require(can_check_publication))]
Svc = Annotated[Services, Depends(get_services)]
Now = Annotated[Any, Depends(now)]


class TextCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=100_000, description="The draft post's text.")
    to: Literal["website", "social", "newsletter"] = Field(description="Where it will go.")
    tags: list[Annotated[str, Field(max_length=255)]] = Field(
        default_factory=list,
        max_length=500,
        description="Students tagged in the post: sourcedId or SIS number.",
    )


class RecipientsCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: str = Field(default="", max_length=100_000, description="Pasted To addresses.")
    cc: str = Field(default="", max_length=100_000, description="Pasted Cc addresses.")
    bcc: str = Field(default="", max_length=100_000, description="Pasted Bcc addresses.")
    eml: str | None = Field(
        default=None, max_length=5_000_000, description="A whole saved message (.eml text)."
    )


@router.post("/check", summary="Check a draft post's text before publishing")
def check_text_api(body: TextCheck, principal: Checker, services: Svc, at: Now) -> JSONResponse:
    pack = load_pack(services.settings.pack)
    try:
        with services.db.uow(write=True) as uow:
            result = run_text_check(
                uow=uow, text=body.text, use=DESTINATIONS[body.to], tags=body.tags, pack=pack,
                now=at, actor_id=principal.person_id,
            )  # fmt: skip
    except LookupError as exc:
        return JSONResponse({"detail": str(exc.args[0])}, status_code=422)
    return JSONResponse(result.to_dict())


@router.post("/bcc", summary="Check a group e-mail's recipients before sending")
def check_bcc_api(
    body: RecipientsCheck, principal: Checker, services: Svc, at: Now
) -> JSONResponse:
    if body.eml is not None:
        try:
            recipients = recipients_from_eml(body.eml.encode("utf-8", "replace"))
        except ValueError as exc:
            return JSONResponse({"detail": f"eml: {exc}"}, status_code=422)
    elif body.to or body.cc or body.bcc:
        recipients = recipients_from_text(body.to, body.cc, body.bcc)
    else:
        return JSONResponse({"detail": "give eml or to/cc/bcc addresses"}, status_code=422)
    with services.db.uow(write=True) as uow:
        result = run_recipients_check(
            uow=uow, recipients=recipients, district_domains=services.settings.district_domains,
            pack=load_pack(services.settings.pack), now=at, actor_id=principal.person_id,
        )  # fmt: skip
    return JSONResponse(result.to_dict())
