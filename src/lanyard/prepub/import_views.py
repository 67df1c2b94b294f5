"""The consents import on the web (``/prepub/consents/import``): upload a consent file, see
a dry run (how many consents would be added, changed or left as they are, or every
refusal, each naming file, line and column; the first 100 listed), then confirm. The
confirmation sends the file again with the dry run's fingerprint (the file's bytes, the
format, the school year and the column mapping): a file or mapping that changed in between
is refused (409) and nothing is written. The mapping box takes what ``--map`` takes, one a
line (a district's mapping file, ``--map-file``, pasted as it is). Same readers, same
service and same audit as ``lanyard consents import``; the file is read in memory and never
stored."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from lanyard.auth.permissions import RECORD_CONSENTS, Permission, Principal
from lanyard.bootstrap import Services
from lanyard.connectors.consents.base import map_text, parse_maps
from lanyard.connectors.consents.registry import registered
from lanyard.prepub.domain import REFUSALS_SHOWN, ConsentFileError, school_year_of
from lanyard.prepub.service import ConsentImport, import_consents
from lanyard.web.deps import now, render, require, services_of

MAX_CONSENT_FILE = 5_000_000
MAX_MAPPING = 10_000
CONSENT_FORMATS = registered()


def can_import_consents(principal: Principal) -> Permission:
    """The building office or the district's records staff: ``record_consents``
    district-wide (any student) or for buildings (their students only)."""
    if principal.kind == "staff":
        grant = principal.district_grant(RECORD_CONSENTS)
        if grant is not None:
            return Permission(True, f"as {grant.role} you may import consents for any student")
        if principal.building_grants(RECORD_CONSENTS):
            return Permission(True, "you may import consents for your buildings' students")
    return Permission(
        False, "importing families' consents is for the building office or the district's "
        "records staff (record_consents)"
    )  # fmt: skip


router = APIRouter()
Importer = Annotated[Principal, Depends(require(can_import_consents))]
Svc = Annotated[Services, Depends(services_of)]


def _scope(principal: Principal) -> frozenset[str] | None:
    if principal.district_grant(RECORD_CONSENTS) is not None:
        return None
    return frozenset(principal.building_grants(RECORD_CONSENTS))


def _fingerprint(data: bytes, format_name: str, school_year: str, mapping: str) -> str:
    digest = hashlib.sha256(data)
    digest.update(f"\0{format_name}\0{school_year}\0{mapping}".encode())
    return digest.hexdigest()


def _page(request: Request, status_code: int = 200, **context: Any) -> Response:
    values = {"formats": CONSENT_FORMATS, "form": {}, "result": None, "error": None,
              "refusals": (), "more": 0, "fingerprint": "", "imported": False,
              **context}  # fmt: skip
    return render(request, "prepub/consents_import.html", values, status_code=status_code)


@router.get("/prepub/consents/import", name="prepub_consents_import")
def import_page(request: Request, principal: Importer) -> Response:
    return _page(request)


@router.post("/prepub/consents/import", name="prepub_consents_import_run")
async def import_run(
    request: Request,
    principal: Importer,
    services: Svc,
    file: Annotated[UploadFile, File()],
    format_name: Annotated[str, Form(alias="format", max_length=32)] = "",
    school_year: Annotated[str, Form(max_length=4)] = "",
    fingerprint: Annotated[str, Form(max_length=64)] = "",
    mapping: Annotated[str, Form(max_length=MAX_MAPPING)] = "",
) -> Response:
    form = {"format": format_name, "school_year": school_year, "mapping": mapping}
    data = await file.read(MAX_CONSENT_FILE + 1)
    name = (file.filename or "consents.csv").replace("\\", "/").rsplit("/", 1)[-1]
    if len(data) > MAX_CONSENT_FILE:
        return _page(request, 413, form=form, error=f"{name} is larger than 5 MB.")
    if format_name and format_name not in CONSENT_FORMATS:
        return _page(request, 422, form=form, error="Choose one of the formats listed.")
    year: int | None = None
    if school_year:
        if not school_year.isdigit() or not 2000 <= int(school_year) <= 2100:
            problem = f"School year: {school_year!r} is not an ending year like 2027."
            return _page(request, 422, form=form, error=problem)
        year = int(school_year)
    try:
        maps = parse_maps(mapping)
    except ValueError as exc:
        return _page(request, 422, form=form, error=f"Column mapping, {exc}.")
    seen = _fingerprint(data, format_name, school_year, map_text(maps))
    confirm = bool(fingerprint)
    if confirm and fingerprint != seen:
        return _page(request, 409, form=form,
                     error=f"{name} is not the file of the dry run (it changed, another file was "
                     "chosen, or the format, school year or column mapping changed): nothing "
                     "was imported. Run the dry run again.")  # fmt: skip
    at = now(request)
    result: ConsentImport | None = None
    try:
        with services.db.uow(write=confirm) as uow:
            result = import_consents(
                uow=uow, upload=(name, data), now=at, actor_id=principal.person_id,
                format_name=format_name or None, maps=maps, school_year=year,
                dry_run=not confirm, buildings=_scope(principal),
            )  # fmt: skip
    except ConsentFileError as exc:
        many = len(exc.refusals)
        said = (f"Refused, nothing {'was' if confirm else 'would be'} written: "
                f"{many} problem{'s' if many != 1 else ''} in {exc.file}.")  # fmt: skip
        return _page(request, 422, form=form, refusals=exc.refusals[:REFUSALS_SHOWN],
                     more=max(0, many - REFUSALS_SHOWN), error=said)  # fmt: skip
    return _page(request, form=form, result=result, name=name, imported=confirm,
                 fingerprint="" if confirm else seen,
                 year=year or school_year_of(at.date()))  # fmt: skip
