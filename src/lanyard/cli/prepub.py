"""``lanyard consents`` and ``lanyard prepub``: media releases and opt-outs, and the
pre-publication check of a draft post's text or a group e-mail's recipients."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TextIO

import click

from lanyard.cli.ops import OperationFailed, load_services
from lanyard.connectors.consents.base import ColumnMap, parse_map, parse_maps
from lanyard.prepub.domain import (
    DESTINATIONS,
    CheckResult,
    ConsentFileError,
    Finding,
    Verdict,
    worst_verdict,
)
from lanyard.prepub.photos import (
    Photo,
    PhotoError,
    PhotoResult,
    clean_photo,
    cleaned_name,
    read_photo,
)

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@click.group("consents")
def consents_group() -> None:
    """Media releases and directory-information opt-outs (docs/prepub.md)."""


def _consent_map(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]):  # type: ignore[no-untyped-def]
    try:
        return tuple(parse_map(v) for v in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


CONSENT_FORMATS = ("lanyard", "oneroster", "infinite-campus", "skyward", "powerschool")


@consents_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "format_name", type=click.Choice(CONSENT_FORMATS),
    help="The file's format; without it, told from the header row.",
)  # fmt: skip
@click.option(
    "--map", "maps", multiple=True, callback=_consent_map, metavar="COLUMN=SCOPE[:permission]",
    help="A district column (OneRoster metadata.*, a PowerSchool or Skyward field) or an "
    "Infinite Campus flag, and the use it records: Yes (the flag set) is an opt-out, or with "
    ":permission a release. Repeat for each.",
)  # fmt: skip
@click.option(
    "--map-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The district's mapping kept in a file: one --map value a line (blank lines and "
    "# comments skipped), read before any --map. The web import's mapping box takes the "
    "same lines.",
)  # fmt: skip
@click.option(
    "--school-year", type=click.IntRange(2000, 2100),
    help="Ending year the SIS exports' rows are for (default: the current school year; "
    "consents.csv carries its own).",
)  # fmt: skip
def consents_import(
    path: Path,
    format_name: str | None,
    maps: tuple[ColumnMap, ...],
    map_file: Path | None,
    school_year: int | None,
) -> None:
    """Import media releases and opt-outs: consents.csv, OneRoster extension columns, or
    an Infinite Campus, Skyward or PowerSchool export. All or nothing, every change
    audited."""
    from lanyard.prepub.service import import_consents

    if map_file is not None:
        try:
            maps = (*parse_maps(map_file.read_text(encoding="utf-8-sig")), *maps)
        except (ValueError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"{map_file.name}, {exc}", param_hint="--map-file") from None
    app = load_services()
    try:
        with app.db.uow(write=True) as uow:
            result = import_consents(
                uow=uow, path=path, now=dt.datetime.now(dt.UTC), format_name=format_name,
                maps=maps, school_year=school_year,
            )  # fmt: skip
    except ConsentFileError as exc:
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    click.echo(
        f"{result.rows} consents in {path.name} ({result.format}): {result.added} added, "
        f"{result.changed} changed, {result.unchanged} unchanged"
    )


@consents_group.command("coworker")
@click.argument("staff_key", metavar="STAFF")
@click.option(
    "--decision", type=click.Choice(("opt_in", "opt_out")), required=True,
    help="opt_in: the co-worker's written consent to appear in the district's posts is on "
    "file; opt_out: they refused.",
)  # fmt: skip
@click.option("--received", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The date the form was received.")  # fmt: skip
@click.option("--note", default=None, help="Free text kept with the record.")
@click.option("--school-year", type=click.IntRange(2000, 2100),
              help="Ending year (default: the current school year).")  # fmt: skip
def consents_coworker(
    staff_key: str, decision: str, received: dt.datetime | None, note: str | None,
    school_year: int | None,
) -> None:  # fmt: skip
    """Record a co-worker's consent (or refusal) to appear in the district's photos, for a
    school year. STAFF is a username or staff id. Audited (consents:changed)."""
    from lanyard.prepub.domain import school_year_of
    from lanyard.prepub.service import find_staff, record_staff_image_consent

    app = load_services()
    now = dt.datetime.now(dt.UTC)
    with app.db.uow(write=True) as uow:
        staff = find_staff(uow.session, staff_key)
        if staff is None:
            raise click.BadParameter(f"no staff member {staff_key!r} in the directory",
                                     param_hint="STAFF")  # fmt: skip
        outcome = record_staff_image_consent(
            uow=uow, staff=staff, decision=decision,
            school_year=school_year or school_year_of(now.date()),
            recorded_on=received.date() if received else None, note=note, now=now,
            actor_id=None,
        )  # fmt: skip
    click.echo(f"co-worker consent {decision} for {staff_key}: {outcome}")


@consents_group.command("purge-face-templates")
@click.option(
    "--all", "everything", is_flag=True,
    help="Delete every face template, not only those of students who left: for a district "
    "that turns face recognition off for good.",
)  # fmt: skip
def consents_purge_face_templates(everything: bool) -> None:
    """Delete the face templates of students no longer active in the directory (or, with
    --all, every template). The written biometric consents stay on file; each deletion is
    audited (face_templates:purged). See docs/face-recognition.md."""
    from lanyard.prepub.biometrics import purge_face_templates

    app = load_services()
    with app.db.uow(write=True) as uow:
        purged = purge_face_templates(uow=uow, now=dt.datetime.now(dt.UTC), everything=everything)
    click.echo(
        f"deleted {purged.left + purged.all_others} face template(s): {purged.left} of "
        f"students who left the district, {purged.all_others} other(s)"
    )


@click.group("prepub")
def prepub_group() -> None:
    """Check a draft post or a group e-mail before it goes out."""


def _print(result: CheckResult, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.to_dict(), default=str))
    else:
        click.echo(f"verdict: {result.verdict}")
        for f in result.findings:
            cited = f' [{f.citation.clause}: "{f.citation.quote}"]' if f.citation else ""
            click.echo(f"  {f.verdict:<7} {f.reason}{cited}")
        if result.fix:
            click.echo(f"fix: {result.fix}")
    if str(result.verdict) != "safe":
        sys.exit(3)


def _when(on: dt.datetime | None) -> dt.datetime:
    now = dt.datetime.now(dt.UTC)
    return now if on is None else dt.datetime.combine(on.date(), now.timetz())


def _pack(pack_id: str | None, default: str):  # type: ignore[no-untyped-def]
    from lanyard.policy import load_pack

    try:
        return load_pack(pack_id or default)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--pack") from None


@prepub_group.command("check")
@click.option(
    "--text",
    "text_file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="The draft's text: a file, or - for standard input.",
)
@click.option(
    "--photo",
    "photo_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A photo of the post (JPEG, PNG, WebP) or a folder of them; repeatable.",
)
@click.option(
    "--photo-tag",
    "photo_tags",
    multiple=True,
    metavar="FILE=TAG",
    help="A student (sourcedId or SIS number) or staff member (username or staff id; "
    "staff:KEY for staff only) tagged in one photo: its file name, then the tag.",
)
@click.option(
    "--cleaned",
    "cleaned_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write each photo here without metadata (EXIF, XMP, GPS), as cleaned-NAME.",
)
@click.option("--blur-faces", is_flag=True, help="In the cleaned copies, blur every face found.")
@click.option(
    "--to",
    "destination",
    type=click.Choice(sorted(DESTINATIONS)),
    default=None,
    help="Where the post will go: website, social (media) or newsletter. Give this, "
    "--account, or both (they must agree).",
)
@click.option(
    "--account",
    "account",
    default=None,
    metavar="ACCOUNT",
    help="The official account it will be posted on: its id, handle or address in the "
    "registry. The consent uses it needs (a YouTube or TikTok account: social media and "
    "video) and the pack's rules about its platform are checked.",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="STUDENT_ID",
    help="A student tagged in the post (sourcedId or SIS number); repeatable.",
)
@click.option("--pack", "pack_id", default=None, help="Policy pack (default: the setting).")
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Check against the consents of the school year of this day (default today).",
)
@click.option(
    "--logo-approved", is_flag=True,
    help="The use of the district's logo in this post is approved (the pack's logo form): "
    "a logo found in a photo is then safe, not review.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def check_command(
    text_file: TextIO | None, photo_paths: tuple[Path, ...], photo_tags: tuple[str, ...],
    cleaned_dir: Path | None, blur_faces: bool, destination: str | None, account: str | None,
    tags: tuple[str, ...],
    pack_id: str | None, on: dt.datetime | None, logo_approved: bool, as_json: bool,
) -> None:  # fmt: skip
    """Check a draft post's text and photos; exit status 3 when it is not safe. With the
    district_logo setting, each photo is searched for the district's logo."""
    from lanyard.prepub.accounts import find_destination
    from lanyard.prepub.biometrics import face_keyring
    from lanyard.prepub.service import district_logo, run_photo_check, run_text_check

    if text_file is None and not photo_paths:
        raise click.UsageError("give --text FILE, --photo FILE, or both")
    if destination is None and account is None:
        raise click.UsageError("give --to website|social|newsletter or --account ACCOUNT")
    app = load_services()
    photos = _read_photos(photo_paths, photo_tags, app.settings.photo_max_pixels)
    pack = _pack(pack_id, app.settings.pack)
    result = CheckResult(Verdict.SAFE, ())
    try:
        with app.db.uow(write=True) as uow:
            try:
                where = find_destination(uow.session, to=destination, account=account)
            except (LookupError, ValueError) as exc:
                raise click.BadParameter(str(exc.args[0]), param_hint="--account") from None
            on_account = where if where.account_id is not None else None
            if text_file is not None or on_account is not None:
                result = run_text_check(
                    uow=uow, text=text_file.read() if text_file else "", use=where.use,
                    tags=tags, pack=pack, now=_when(on), where=on_account,
                )  # fmt: skip
            checked = run_photo_check(
                uow=uow, photos=photos, use=where.uses, pack=pack, now=_when(on),
                logo=district_logo(app.settings.district_logo), logo_approved=logo_approved,
                recognition=face_keyring(app.settings),
            ) if photos else []  # fmt: skip
    except LookupError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--tag/--photo-tag") from None
    if cleaned_dir is not None:
        _write_cleaned(cleaned_dir, photos, checked, blur_faces)
    if checked:
        _print_photos(result, checked, as_json)
    else:
        _print(result, as_json)


def _read_photos(
    paths: tuple[Path, ...], photo_tags: tuple[str, ...], max_pixels: int
) -> list[tuple[Photo, list[str]]]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES)
        else:
            files.append(path)
    tagged: dict[str, list[str]] = {}
    for item in photo_tags:
        name, _, student = item.partition("=")
        if not student:
            raise click.BadParameter(f"{item!r} is not FILE=TAG", param_hint="--photo-tag")
        tagged.setdefault(Path(name).name, []).append(student.strip())
    unknown = set(tagged) - {f.name for f in files}
    if unknown:
        raise click.BadParameter(f"no photo named {sorted(unknown)[0]!r}", param_hint="--photo-tag")
    try:
        return [(read_photo(f.name, f.read_bytes(), max_pixels=max_pixels),
                 tagged.get(f.name, [])) for f in files]  # fmt: skip
    except PhotoError as exc:
        raise click.BadParameter(str(exc), param_hint="--photo") from None


def _write_cleaned(
    folder: Path, photos: list[tuple[Photo, list[str]]], checked: list[PhotoResult], blur: bool
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for (photo, _), result in zip(photos, checked, strict=True):
        data, _ = clean_photo(photo, result.faces if blur else ())
        (folder / cleaned_name(photo.name)).write_bytes(data)


def _print_photos(text: CheckResult, checked: list[PhotoResult], as_json: bool) -> None:
    worst = worst_verdict(Finding(v, "", "") for v in [text.verdict, *(r.verdict for r in checked)])
    if as_json:
        click.echo(json.dumps({**text.to_dict(), "verdict": str(worst),
                               "photos": [r.to_dict() for r in checked]}, default=str))  # fmt: skip
    else:
        click.echo(f"verdict: {worst}")
        for f in text.findings:
            click.echo(f"  {f.verdict:<7} {f.reason}")
        for r in checked:
            click.echo(f"photo {r.name}: {r.verdict} ({len(r.faces)} faces, {r.tagged} tagged)")
            for f in r.findings:
                cited = f" [{f.citation.clause}]" if f.citation else ""
                click.echo(f"  {f.verdict:<7} {f.reason}{cited}")
    if worst is not Verdict.SAFE:
        sys.exit(3)


@prepub_group.command("bcc")
@click.option(
    "--eml",
    "--msg",
    "eml",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A saved message: .eml, or .msg from Outlook (its recipient table, Bcc included).",
)
@click.option("--to", "to", default="", help="Pasted To addresses.")
@click.option("--cc", "cc", default="", help="Pasted Cc addresses.")
@click.option("--bcc", "bcc", default="", help="Pasted Bcc addresses.")
@click.option("--pack", "pack_id", default=None, help="Policy pack (default: the setting).")
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Check against the consents of the school year of this day (default today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def bcc_command(
    eml: Path | None,
    to: str,
    cc: str,
    bcc: str,
    pack_id: str | None,
    on: dt.datetime | None,
    as_json: bool,
) -> None:
    """Check a group e-mail's recipients; exit status 3 when it is not safe."""
    from lanyard.prepub.domain import recipients_from_text
    from lanyard.prepub.outlook import recipients_from_file
    from lanyard.prepub.service import run_recipients_check

    if eml is not None:
        try:
            recipients = recipients_from_file(eml.read_bytes())
        except ValueError as exc:
            raise click.BadParameter(f"{eml.name}: {exc}", param_hint="--eml") from None
    elif to or cc or bcc:
        recipients = recipients_from_text(to, cc, bcc)
    else:
        raise click.UsageError("give --eml/--msg FILE or --to/--cc/--bcc addresses")
    app = load_services()
    pack = _pack(pack_id, app.settings.pack)
    with app.db.uow(write=True) as uow:
        result = run_recipients_check(
            uow=uow, recipients=recipients, district_domains=app.settings.district_domains,
            pack=pack, now=_when(on),
        )  # fmt: skip
    _print(result, as_json)
