#!/usr/bin/python3
"""Reads a spreadsheet gridwork wrote, the way another program would, and prints it as JSON.

Run: /usr/bin/python3 scripts/read-spreadsheet.py FILE

An .xlsx file is opened with Debian's python3-openpyxl (apt-get install python3-openpyxl;
scripts/test installs it), which the export tests use as an independent reader: what it reads
is what Excel and LibreOffice read. Debian's python3-* packages are seen by /usr/bin/python3,
not by a pyenv or virtualenv python3 that may come first on PATH, hence the interpreter above.
Anything else is read as CSV with Python's csv module and the utf-8-sig codec (which takes the
byte order mark off, as Excel does).

Printed on standard output, for an .xlsx file:
  {"sheets": [{"title", "rows": [[{"value", "type", "format"}]], "widths": {"A": 12.0},
               "freeze": "A2", "filter": "A1:K9", "bold": [true, ...]}]}
where "type" is str, int, float, date (openpyxl's is_date: a date-formatted number) or null,
"value" a date's ISO text, and "bold" whether each header cell is bold. For a CSV file:
  {"bom": true, "crlfCount": 3, "endsWithCRLF": true, "rows": [["text", ...]], "length": 120}
Exit status 2 when openpyxl cannot be imported or the file cannot be read, so a test fails
rather than passes without its reader.
"""
import csv
import datetime
import json
import sys


def read_xlsx(path):
    try:
        import openpyxl
    except ImportError as error:
        print(f"python3-openpyxl is missing ({error}): apt-get install python3-openpyxl", file=sys.stderr)
        sys.exit(2)
    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = cell.value
                if value is None:
                    kind = None
                elif cell.is_date:
                    kind = "date"
                    value = value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else str(value)
                elif isinstance(value, bool):
                    kind = "bool"
                elif isinstance(value, int):
                    kind = "int"
                elif isinstance(value, float):
                    kind = "float"
                else:
                    kind = "str"
                    value = str(value)
                cells.append({"value": value, "type": kind, "format": cell.number_format})
            rows.append(cells)
        widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items() if dimension.width}
        header = next(sheet.iter_rows(min_row=1, max_row=1), ())
        sheets.append({
            "title": sheet.title,
            "rows": rows,
            "widths": widths,
            "freeze": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "bold": [bool(cell.font and cell.font.b) for cell in header],
        })
    return {"sheets": sheets}


def read_csv(path):
    with open(path, "rb") as file:
        raw = file.read()
    text = raw.decode("utf-8-sig")
    with open(path, newline="", encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    return {"bom": raw.startswith(b"\xef\xbb\xbf"), "crlfCount": raw.count(b"\r\n"), "endsWithCRLF": raw.endswith(b"\r\n"),
            "rows": rows, "length": len(text)}


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    path = sys.argv[1]
    try:
        result = read_xlsx(path) if path.lower().endswith(".xlsx") else read_csv(path)
    except SystemExit:
        raise
    except Exception as error:  # the test shows what the reader said
        print(f"{path}: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)
    json.dump(result, sys.stdout, ensure_ascii=False)


main()
