"""Command line: `python -m layers validate [DATA_DIR]` checks every data file and lists every problem;
`python -m layers coverage --write` regenerates geodata/COVERAGE.md; `python -m layers export OUTDIR` writes a static
copy of the map; `python -m layers catalogues` keeps the translations in step with the English (layers/_catalogues.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import LAYERS
from ._dataset import load_dataset
from ._coverage import render as render_coverage
from ._dictionary import render, section_of
from ._export import BUDGET, ExportRefused, export
from ._records import DATA_DIR


def validate(data_dir: Path) -> int:
    dataset = load_dataset(LAYERS, data_dir)
    for problem in dataset.problems:
        print(problem)
    counts = ", ".join(f"{layer_id} {len(loaded.raw_ids)}" for layer_id, loaded in dataset.layers.items())
    extra = f"sources {len(dataset.sources)}, figures {len(dataset.figures)}"
    if dataset.problems:
        print(f"{len(dataset.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"ok: {counts}; {extra}")
    return 0


def dictionary(write: bool) -> int:
    """Print the data dictionary, or with --write replace it in geodata/README.md."""
    text = render(LAYERS)
    if not write:
        print(text)
        return 0
    readme = DATA_DIR / "README.md"
    current = readme.read_text(encoding="utf-8")
    old = section_of(current)
    if old is None:
        print(f"{readme}: data-dictionary markers not found", file=sys.stderr)
        return 1
    readme.write_text(current.replace(old, text), encoding="utf-8")
    return 0


def coverage(write: bool, data_dir: Path) -> int:
    """Print geodata/COVERAGE.md as the data makes it, or with --write replace the file."""
    text = render_coverage(load_dataset(LAYERS, data_dir))
    if write:
        (data_dir / "COVERAGE.md").write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


def export_map(out_dir: Path, data_dir: Path) -> int:
    """Write the static map; refuse (exit 1, every problem listed) when the data does not validate."""
    try:
        result = export(out_dir, data_dir)
    except ExportRefused as refused:
        for problem in refused.problems:
            print(problem)
        print(f"{len(refused.problems)} problem(s) in {data_dir}: nothing exported", file=sys.stderr)
        return 1
    for path in result.files:
        print(f"{path.stat().st_size:>9,}  {path}")
    print(f"total {result.raw:,} bytes ({result.gzip:,} gzipped) in {len(result.files)} files, {result.read:,} bytes "
          f"for a reader (a language's page and the assets); open {out_dir / 'index.html'}")
    if result.read > BUDGET:
        print(f"warning: over the {BUDGET:,}-byte budget", file=sys.stderr)
    return 0


def catalogues(compile_only: bool, check_only: bool) -> int:
    """Extract and merge (maintainers, after the English changed), compile (set-up), or check (tests, translators)."""
    from . import _catalogues

    if check_only:
        problems = _catalogues.check()
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in the catalogues" if problems else "catalogues: ok", file=sys.stderr)
        return 1 if problems else 0
    if not compile_only:
        _catalogues.update()
    for mo in _catalogues.compile_all():
        print(mo.relative_to(_catalogues.ROOT))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layers")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data file; exit 1 and list problems if any")
    check.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    words = commands.add_parser("dictionary", help="print the data dictionary (Markdown)")
    words.add_argument("--write", action="store_true", help="update the section in geodata/README.md")
    counts = commands.add_parser("coverage", help="print geodata/COVERAGE.md as the data makes it")
    counts.add_argument("--write", action="store_true", help="replace geodata/COVERAGE.md")
    counts.add_argument("--data-dir", type=Path, default=DATA_DIR, help="dataset to count (default: geodata/)")
    static = commands.add_parser("export", help="write a static, self-contained copy of the map into OUTDIR")
    static.add_argument("out_dir", metavar="OUTDIR", type=Path)
    static.add_argument("--data-dir", type=Path, default=DATA_DIR, help="dataset to export (default: geodata/)")
    words_of = commands.add_parser("catalogues", help="extract the English, merge it into each language's catalogue, "
                                   "make the Cyrillic one and compile them all")
    words_of.add_argument("--compile", action="store_true", help="only make the generated catalogues and compile")
    words_of.add_argument("--check", action="store_true", help="list missing, fuzzy or inconsistent translations")
    args = parser.parse_args(argv)
    if args.command == "catalogues":
        return catalogues(args.compile, args.check)
    if args.command == "dictionary":
        return dictionary(args.write)
    if args.command == "coverage":
        return coverage(args.write, args.data_dir)
    if args.command == "export":
        return export_map(args.out_dir, args.data_dir)
    return validate(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
