"""The import page (upload, dry-run diff, confirm) and the directory's JSON API."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError

from lanyard.auth.permissions import Principal, can_import
from lanyard.bootstrap import Services
from lanyard.connectors.oneroster import PackageError, RosterError
from lanyard.directory.service import ImportRefused, ImportResult, import_oneroster, undo_import
from lanyard.web.deps import now, render, require, services_of

router = APIRouter()
Importer = Annotated[Principal, Depends(require(can_import))]
Svc = Annotated[Services, Depends(services_of)]
STAGED = "import_staged"
MAX_UPLOAD = 512 * 1024 * 1024
SHOWN = 20


def _staging_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / "lanyard-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


async def _stage(upload: UploadFile) -> Path:
    """Keep the uploaded zip server-side under a random name until it is confirmed."""
    name = upload.filename or ""
    if not name.lower().endswith(".zip"):
        raise PackageError(f"{name or 'the upload'}: upload the OneRoster export as a .zip file")
    path = _staging_dir() / f"{secrets.token_hex(16)}.zip"
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(1 << 20):
            size += len(chunk)
            if size > MAX_UPLOAD:
                out.close()
                path.unlink()
                raise PackageError(f"{name}: larger than {MAX_UPLOAD // (1024 * 1024)} MB")
            out.write(chunk)
    return path


def _summary(result: ImportResult, threshold: float = 1.0) -> dict[str, Any]:
    """What the page shows: counts and, by sourcedId, the first few of each change."""

    def entity(diff: Any, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        shown = {
            "counts": diff.counts(),
            "added": list(diff.added[:SHOWN]),
            "changed": [{"id": sid, "fields": list(f)} for sid, f in diff.changed[:SHOWN]],
            "deactivated": list(diff.deactivated[:SHOWN]),
        }
        if names is not None:  # people: who each one shown is, as the export names them
            ids = [*shown["added"], *(c["id"] for c in shown["changed"]), *shown["deactivated"]]
            shown["names"] = {sid: names[sid] for sid in ids if sid in names}
        return shown

    return {
        "version": result.version,
        "dry_run": result.dry_run,
        "changed": result.changed,
        "buildings": entity(result.buildings),
        "people": entity(result.people, result.names),
        "parent_links": {
            "added": len(result.parent_links.added),
            "removed": len(result.parent_links.removed),
        },
        "domains_added": list(result.domains_added),
        "audit_entry": result.audit_seq,
        "import_id": result.import_id,
        "active_people": result.active_people,
        "needs_typed_count": result.needs_typed_count(threshold),
    }


def _run(
    services: Services,
    path: Path,
    *,
    dry_run: bool,
    actor: str,
    request: Request,
    confirmed: int | None = None,
) -> Any:
    with services.db.uow(write=True) as uow:
        return import_oneroster(
            uow=uow,
            path=path,
            dry_run=dry_run,
            now=now(request),
            actor_id=actor,
            district_domains=services.settings.district_domains,
            limits=services.settings.import_limits(),
            deactivation_threshold=services.settings.import_deactivation_threshold,
            confirmed_deactivations=confirmed,
        )


def _discard(request: Request) -> None:
    staged = request.session.pop(STAGED, None)
    if isinstance(staged, str):
        (_staging_dir() / Path(staged).name).unlink(missing_ok=True)


@router.get("/import", name="import")
def import_page(request: Request, principal: Importer) -> Response:
    return render(request, "import/page.html", {"summary": None, "problems": None})


@router.get("/import/sample-oneroster.zip", include_in_schema=False)
def import_sample(principal: Importer) -> Response:
    """A sample export to try the page with: the demo district's next term."""
    from lanyard.directory.demo import sample_export_zip

    return Response(
        sample_export_zip(),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="sample-oneroster.zip"'},
    )


@router.post("/import/preview")
async def import_preview(
    request: Request, principal: Importer, services: Svc, package: UploadFile
) -> Response:
    _discard(request)
    try:
        path = await _stage(package)
        try:
            result = _run(services, path, dry_run=True, actor=principal.person_id, request=request)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    except RosterError as exc:
        return _refused(request, [str(p) for p in exc.problems], exc.more)
    except PackageError as exc:
        return _refused(request, [str(exc)], False)
    request.session[STAGED] = path.name
    return render(
        request,
        "import/page.html",
        {
            "summary": _summary(result, services.settings.import_deactivation_threshold),
            "problems": None,
            "file": package.filename,
        },
    )


@router.post("/import/confirm")
def import_confirm(
    request: Request,
    principal: Importer,
    services: Svc,
    typed_count: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    staged = request.session.get(STAGED)
    path = _staging_dir() / Path(staged).name if isinstance(staged, str) else None
    if path is None or not path.is_file():
        return _refused(
            request, ["There is no previewed upload to import: upload it again."], False
        )
    confirmed = int(typed_count) if typed_count.strip().isdigit() else None
    try:
        result = _run(
            services,
            path,
            dry_run=False,
            actor=principal.person_id,
            request=request,
            confirmed=confirmed,
        )
    except ImportRefused as exc:
        _discard(request)
        return _refused(request, [str(exc), "Upload the export again to start over."], False)
    except (RosterError, PackageError, SQLAlchemyError) as exc:
        _discard(request)
        return _refused(request, [str(exc)], False)
    _discard(request)
    return render(request, "import/page.html", {"summary": _summary(result), "problems": None})


@router.post("/import/{import_id}/undo", name="import_undo")
def import_undo(request: Request, import_id: str, principal: Importer, services: Svc) -> Response:
    """Undo an import (within its window): the people and links it changed come back."""
    try:
        with services.db.uow(write=True) as uow:
            undo_import(
                uow=uow, import_id=import_id[:64], now=now(request), actor_id=principal.person_id
            )
    except ImportRefused as exc:
        return _refused(request, [str(exc)], False)
    return render(
        request,
        "import/page.html",
        {"summary": None, "problems": None, "undone": import_id[:64]},
    )


def _refused(request: Request, problems: list[str], more: bool) -> Response:
    context = {"summary": None, "problems": problems, "more": more}
    return render(request, "import/page.html", context, status_code=422)


@router.post("/api/imports/oneroster", tags=["directory"], summary="Import a OneRoster zip")
async def api_import(
    request: Request,
    principal: Importer,
    services: Svc,
    package: UploadFile,
    dry_run: bool = True,
    confirm_deactivations: int | None = None,
) -> Response:
    """Dry run by default; ``dry_run=false`` writes, in one transaction. A refused package
    names the file, row and column, and nothing is written."""
    try:
        path = await _stage(package)
    except PackageError as exc:
        return JSONResponse({"problems": [str(exc)]}, status_code=422)
    try:
        result = _run(
            services,
            path,
            dry_run=dry_run,
            actor=principal.person_id,
            request=request,
            confirmed=confirm_deactivations,
        )
    except ImportRefused as exc:
        return JSONResponse({"problems": [str(exc)]}, status_code=422)
    except RosterError as exc:
        return JSONResponse(
            {"problems": [str(p) for p in exc.problems], "more": exc.more}, status_code=422
        )
    except PackageError as exc:
        return JSONResponse({"problems": [str(exc)]}, status_code=422)
    finally:
        path.unlink(missing_ok=True)
    return JSONResponse(_summary(result))
