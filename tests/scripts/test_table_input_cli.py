"""Table input on the command line: ``-`` reads standard input, ``--max-size`` sets the limit."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pairmap.scripts.cli import cli

CORPUS = Path(__file__).resolve().parents[1] / "pairings" / "corpus"


def test_a_dash_reads_the_table_from_standard_input() -> None:
    result = CliRunner().invoke(cli, ["check", "-"], input=(CORPUS / "gbk.csv").read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "read <stdin>: 2 rows (encoding GBK)"


def test_max_size_is_in_megabytes_and_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("帮扶方,受援方\n" + "茂名市,来宾市\n" * 100_000, encoding="utf-8")
    small = CliRunner().invoke(cli, ["check", str(path), "--max-size", "1"])
    assert small.exit_code == 1
    assert small.stdout.splitlines()[0] == (
        f"error: {path}: is 2 MB, more than the 1 MB limit for a table; raise the limit "
        "with --max-size 3 (in MB), or split the table."
    )
    bad = CliRunner().invoke(cli, ["check", str(path), "--max-size", "0"])
    assert bad.exit_code == 2
    assert "Invalid value for '--max-size'" in bad.output
