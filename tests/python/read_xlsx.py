"""Reads a .xlsx with openpyxl (an independent reader) and prints every
non-empty or annotated cell as JSON: sheet, row, column, value (dates as
ISO dates), its kind, number format, quote prefix and note. Used by
tests/office_pack.rs and tests/robustness_privacy.rs."""
import datetime
import json
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": [], "properties": {"created": None}}
    created = wb.properties.created
    out["properties"]["created"] = created.isoformat() if created else None
    out["properties"]["creator"] = wb.properties.creator
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                note = c.comment.text if c.comment is not None else None
                if c.value is None and note is None:
                    continue
                v = c.value
                kind = c.data_type
                if v is None:
                    # An empty cell with a note (a hidden figure): openpyxl
                    # calls its type "n", but it holds no number.
                    kind = "empty"
                elif isinstance(v, datetime.datetime):
                    v = v.date().isoformat()
                    kind = "date"
                elif isinstance(v, bool):
                    kind = "bool"
                elif isinstance(v, (int, float)):
                    v = float(v)
                    kind = "n"
                cells.append({
                    "row": c.row,
                    "col": c.column,
                    "value": v,
                    "kind": kind,
                    "format": c.number_format,
                    "quote_prefix": bool(c.quotePrefix),
                    "note": note,
                })
        out["sheets"].append({"name": ws.title, "cells": cells})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
