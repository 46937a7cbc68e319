"""Markdown tables for the benchmarks' printed results and RESULTS.md."""

from __future__ import annotations


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """The header row, its rule, then one line per row."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
