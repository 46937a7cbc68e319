"""Markdown tables for the benchmarks' printed results and RESULTS.md."""

from __future__ import annotations


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """The header row, its rule, then one line per row."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def measures_table(rows: list[dict], measures: list[tuple[str, str, str]]) -> str:
    """A line per measure (key, label, format), a column per row (one archive size, `bulletins`);
    a measure a row lacks shows as —, one no row has is left out."""
    return markdown_table(
        ["measure", *(f"N={row['bulletins']}" for row in rows)],
        [
            [label, *(fmt.format(row[key]) if key in row else "—" for row in rows)]
            for key, label, fmt in measures
            if any(key in row for row in rows)
        ],
    )
