"""``lanyard packs``: list, show, verify, test and compare policy packs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from lanyard.policy import Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.compare import compare, describe, group_differences
from lanyard.policy.loader import PackError
from lanyard.policy.pack import PackDocument
from lanyard.policy.scenarios import failures, load_scenarios
from lanyard.policy.verify import verify_pack


class PackProblem(click.ClickException):
    exit_code = 1


def _pack(pack_id: str) -> Any:
    try:
        return load_pack(pack_id)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="ID") from None


@click.group()
def packs() -> None:
    """Policy packs: one per district."""


@packs.command("list")
def list_packs() -> None:
    """The packs Lanyard ships."""
    rows = [("ID", "DISTRICT", "POLICY", "RULES", "VERSION")]
    for pack_id in builtin_pack_ids():
        doc = load_pack(pack_id).document
        rows.append(
            (
                doc.id,
                doc.district,
                f"{doc.policy.number} {doc.policy.title}",
                str(len(doc.rules)),
                doc.version,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@packs.command()
@click.argument("pack_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="The whole pack as JSON.")
def show(pack_id: str, as_json: bool) -> None:
    """A pack's metadata, roles, forms, reports and rules."""
    pack = _pack(pack_id)
    doc = pack.document
    if as_json:
        payload = doc.model_dump(mode="json")
        payload["content_hash"] = pack.content_hash
        click.echo(json.dumps(payload, indent=2))
        return
    p = doc.policy
    click.echo(f"{doc.district} ({doc.id}, {doc.state}), pack version {doc.version}")
    click.echo(f"Policy {p.number}: {p.title}")
    dates = [f"adopted {p.adopted}"] if p.adopted else []
    dates += [f"revised {d}" for d in p.revised]
    if dates:
        click.echo("  " + ", ".join(dates))
    click.echo(f"  source: {p.source}   content hash: {pack.content_hash[:16]}")
    click.echo("\nRoles:")
    for role in doc.roles:
        click.echo(f"  {role.id:<34} {role.name}")
    if doc.channels:
        click.echo("\nChannels:")
        for ch in doc.channels:
            mark = "approved" if ch.approved else "not approved"
            click.echo(f"  {ch.id:<34} {ch.name} ({mark})")
    if doc.forms:
        click.echo("\nForms:")
        for form in doc.forms:
            click.echo(f"  {form.id:<34} {form.title} -> approved by {form.approver}")
    if doc.reports:
        click.echo("\nReports:")
        for rep in doc.reports:
            click.echo(f"  {rep.id:<34} to {', '.join(rep.to)}, {rep.within}")
    if doc.deletion_criteria:
        click.echo("\nComment deletion criteria:")
        for crit in doc.deletion_criteria:
            click.echo(f"  {crit.category:<34} {crit.action}  ({crit.clause})")
    click.echo(f"\nRules ({len(doc.rules)}):")
    for rule in doc.rules:
        click.echo(f"  {rule.id:<40} {rule.verdict:<25} {rule.clause}")


def _default_sources() -> Path:
    return Path("..") / "shared" / "seeds"


@packs.command()
@click.argument("pack_ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--sources",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the source documents (default ../shared/seeds).",
)
def verify(pack_ids: tuple[str, ...], sources: Path | None) -> None:
    """Check every quote against the source document, word for word."""
    folder = sources or _default_sources()
    if not folder.is_dir():
        raise click.BadParameter(f"{folder} is not a folder", param_hint="--sources")
    bad = 0
    for pack_id in pack_ids or builtin_pack_ids():
        pack = _pack(pack_id)
        problems = verify_pack(pack, folder)
        n = sum(1 for _ in _all_quotes(pack))
        if problems:
            bad += len(problems)
            click.echo(f"{pack_id}: {len(problems)} of {n} quotes not verbatim")
            for problem in problems:
                click.echo(f"  {problem}")
        else:
            click.echo(f"{pack_id}: all {n} quotes verbatim in {pack.document.policy.source}")
        coverage = _coverage(pack, folder)
        if coverage is None:
            bad += 1
            click.echo(f"{pack_id}: no provisions.yaml (every pack inventories its provisions)")
            continue
        if coverage.problems:
            bad += len(coverage.problems)
            click.echo(f"{pack_id}: {len(coverage.problems)} problem(s) in provisions.yaml")
            for problem in coverage.problems:
                click.echo(f"  {problem}")
        else:
            click.echo(
                f"{pack_id}: {len(coverage.inventory.provisions)} provisions cover all "
                f"{coverage.normative} normative sentences and every rule"
            )
    if bad:
        raise PackProblem(f"{bad} problem(s) with the packs' quotes or provision inventories")


def _coverage(pack: Any, folder: Path) -> Any:
    """The pack's provision inventory checked against its source, or None without one."""
    from lanyard.policy.provisions import check_inventory, load_inventory

    try:
        inventory = load_inventory(pack.id)
    except PackError as exc:
        raise PackProblem(str(exc)) from None
    if inventory is None:
        return None
    source = folder / pack.document.policy.source
    if not source.is_file():
        raise PackProblem(f"{pack.id}: source document {source} not found")
    return check_inventory(pack, inventory, source.read_text(encoding="utf-8", errors="replace"))


@packs.command()
@click.argument("pack_id", metavar="ID")
@click.option(
    "--sources",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the source documents (default ../shared/seeds).",
)
def coverage(pack_id: str, sources: Path | None) -> None:
    """The provision inventory: every actionable sentence and where Lanyard carries it."""
    from lanyard.policy.provisions import NOT_BUILT, tally

    pack = _pack(pack_id)
    report = _coverage(pack, sources or _default_sources())
    if report is None:
        raise PackProblem(f"{pack_id} has no provisions.yaml yet")
    rows = [("PROVISION", "KIND", "CLAUSE", "CARRIED BY")]
    for p in report.inventory.provisions:
        carriers = []
        for c in p.carried_by:
            label = f"{c.kind.replace('_', ' ')}: {c.target}"
            if c.kind == "feature" and c.target in NOT_BUILT:
                label += " (not built yet)"
            carriers.append(label)
        rows.append((p.id, p.kind, p.clause[:48], "; ".join(carriers)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
            + "  "
            + row[3]
        )
    counts = tally(report.inventory)
    click.echo(
        f"\n{len(report.inventory.provisions)} provisions: "
        f"{counts['rule']} encoded as rules, "
        f"{counts['form'] + counts['report'] + counts['deletion_criterion'] + counts['channel']} "
        f"as forms, reports, deletion criteria or channels, "
        f"{counts['feature']} carried by a feature, {counts['not_a_decision']} not a decision"
    )
    click.echo(
        f"{report.normative} normative sentences in {pack.document.policy.source}, "
        f"{len(report.uncovered)} in no provision"
    )
    for problem in report.problems:
        click.echo(f"  {problem}")
    if report.problems:
        raise PackProblem(f"{len(report.problems)} problem(s) in provisions.yaml")


def _all_quotes(pack: Any) -> Any:
    from lanyard.policy.verify import quotes

    return quotes(pack)


@packs.command("test")
@click.argument("pack_ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--scenarios",
    "extra",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    multiple=True,
    help="Also run the scenarios in this file (public.yaml format).",
)
def test_packs(pack_ids: tuple[str, ...], extra: tuple[Path, ...]) -> None:
    """Run each pack's cases.yaml (and any --scenarios files)."""
    from importlib import resources

    chosen = set(pack_ids or builtin_pack_ids())
    scenarios = []
    for pack_id in sorted(chosen):
        _pack(pack_id)
        entry = resources.files("lanyard") / "packs" / pack_id / "cases.yaml"
        if entry.is_file():
            scenarios.extend(load_scenarios(entry.read_text(encoding="utf-8")))
    for path in extra:
        scenarios.extend(
            s
            for s in load_scenarios(path.read_text(encoding="utf-8"))
            if s.situation.get("district") in chosen
        )
    failed = 0
    for scenario in scenarios:
        situation = Situation.model_validate(scenario.situation)
        problems = failures(decide(load_pack(situation.district), situation), scenario.expect)
        if problems:
            failed += 1
            click.echo(f"FAIL {scenario.id}: {scenario.title}")
            for problem in problems:
                click.echo(f"     {problem}")
    click.echo(f"{len(scenarios) - failed} passed, {failed} failed")
    if failed:
        raise PackProblem(f"{failed} scenario(s) failed")


@packs.command()
def schema() -> None:
    """The JSON Schema of a pack file, for editors."""
    click.echo(json.dumps(PackDocument.model_json_schema(), indent=2))


@packs.command()
@click.argument("left", metavar="A")
@click.argument("right", metavar="B")
@click.option("--limit", default=8, show_default=True, help="Rows shown per action.")
@click.option(
    "--grid-size", default=4096, show_default=True, help="Situations per action, at most."
)
@click.option("--json", "as_json", is_flag=True, help="Every difference, as JSON.")
def diff(left: str, right: str, limit: int, grid_size: int, as_json: bool) -> None:
    """Where districts A and B answer the same situation differently."""
    a, b = _pack(left), _pack(right)
    results = compare(a, b, grid_size)
    if as_json:
        payload = [
            {
                "action": r.action,
                "asked": r.asked,
                "differences": [
                    {"situation": d.situation, left: d.left.to_dict(), right: d.right.to_dict()}
                    for d in r.differences
                ],
            }
            for r in results
        ]
        click.echo(json.dumps(payload, indent=2))
        return
    click.echo(f"Comparing {a.document.district} ({left}) with {b.document.district} ({right})")
    total_asked = sum(r.asked for r in results)
    total_diff = sum(len(r.differences) for r in results)
    click.echo(f"{total_diff} of {total_asked} situations get different verdicts.\n")
    for r in results:
        if not r.differences:
            continue
        click.echo(f"== {r.action}: {len(r.differences)} of {r.asked} situations differ")
        ranked = group_differences(r.differences)
        for g in ranked[:limit]:
            click.echo(f"  {g.count:>5} situations, e.g. {describe(g.example) or '(any)'}")
            click.echo(f"        {left:<16} {g.left_verdict:<25} {g.left_clause}")
            click.echo(f"        {right:<16} {g.right_verdict:<25} {g.right_clause}")
        if len(ranked) > limit:
            click.echo(
                f"  ... and {len(ranked) - limit} more kinds of difference (--limit, --json)"
            )
        click.echo("")
