"""Writes a CSV as a one-sheet .xlsx the way a person saving it from Excel
would have it: dates and times as date cells, numbers as numbers, the rest
as text. For bench/workbook.sh (workbook vs CSV import).

    python bench/csv_to_xlsx.py meetings.csv meetings.xlsx
"""
import csv
import sys
from datetime import datetime

from openpyxl import Workbook


def cell(v):
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(v, fmt)
        except ValueError:
            pass
    try:
        return int(v) if v.isdigit() else v
    except ValueError:
        return v


src, out = sys.argv[1], sys.argv[2]
wb = Workbook(write_only=True)
ws = wb.create_sheet(title="Meetings")
with open(src, newline="", encoding="utf-8-sig") as f:
    rows = csv.reader(f)
    ws.append(next(rows))
    for r in rows:
        ws.append([cell(v) for v in r])
wb.save(out)
