#!/usr/bin/env python3
"""Cuts the fuzzer's seed corpus and its small data folder out of a demo folder (scripts/fuzz-seeds.sh).

Usage: fuzz-seeds.py DEMO_FOLDER EXPORTS_FOLDER FUZZ_DIR

Writes FUZZ_DIR/Folder (a data folder without accounts, so its numbers are plain: the ledger
targets plan against it) and FUZZ_DIR/Seeds/{shard,rules} (data files and single records, each
after the byte that picks its kind, as GridworkFuzz.swift reads them). The demo's numbers are
sealed under its key: each is replaced by a synthetic one that fits the record (an ID number
with the resident's birth date, gender and a valid check character; a mobile number).

FUZZ_DIR/Seeds/{csv,xlsx} are the ledgers `gridwork export` wrote into EXPORTS_FOLDER, cut to
their first rows: CSV as written (UTF-8 with a byte order mark) and again in GB18030, XLSX as
gridwork writes it (the smallest export whole) and as openpyxl writes it (cut to a few rows);
FUZZ_DIR/Seeds/sheet holds those workbooks' XML parts, one after another.
"""
import hashlib
import json
import os
import shutil
import sys

KINDS = ["grid", "worker", "household", "resident", "patrolLog", "disputeCase"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SHEET_PARTS = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"]
PART_SEPARATOR = b"\n<!--part-->\n"


def digest(text):
    return int(hashlib.sha256(text.encode()).hexdigest(), 16)


def id_number(resident):
    birth = resident.get("birthDate") or "1980-01-01"
    seed = digest(resident["meta"]["id"])
    sequence = seed % 500 * 2 + (1 if resident.get("gender") == "male" else 0)
    body = "420303" + birth.replace("-", "") + "%03d" % (sequence % 1000)
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


def phone(key):
    return "1" + "3" + "%09d" % (digest(key) % 10**9)


def unseal(record, kind):
    """The record with each sealed value replaced by a plain synthetic one."""
    if kind == "resident":
        if str(record.get("idNumber", "")).startswith("enc1:"):
            record["idNumber"] = id_number(record)
        if str(record.get("phone", "")).startswith("enc1:"):
            record["phone"] = phone(record["meta"]["id"])
    elif kind == "worker":
        if str(record.get("phone", "")).startswith("enc1:"):
            record["phone"] = phone(record["meta"]["id"])
    elif kind == "grid":
        for index, micro in enumerate(record.get("microGrids", [])):
            if str(micro.get("headPhone", "")).startswith("enc1:"):
                micro["headPhone"] = phone(record["meta"]["id"] + str(index))
    return record


def dump(value):
    # The store's own form: pretty, keys sorted, Chinese unescaped.
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).encode()


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def ledgers(exports, seeds):
    import openpyxl  # Debian's python3-openpyxl, which scripts/test installs

    for sub in ("csv", "xlsx", "sheet"):
        shutil.rmtree(os.path.join(seeds, sub), ignore_errors=True)
    for name in sorted(os.listdir(exports)):
        path = os.path.join(exports, name)
        stem, extension = os.path.splitext(name)
        if extension == ".csv":
            with open(path, "rb") as handle:
                lines = handle.read().split(b"\n")[:12]
            text = b"\n".join(lines) + b"\n"
            write(os.path.join(seeds, "csv", stem + ".csv"), text)
            plain = text.decode("utf-8-sig")
            write(os.path.join(seeds, "csv", stem + "-gb18030.csv"), plain.replace("\n", "\r\n").encode("gb18030"))
        elif extension == ".xlsx":
            if os.path.getsize(path) <= 16384:
                with open(path, "rb") as handle:
                    write(os.path.join(seeds, "xlsx", stem + ".xlsx"), handle.read())
            book = openpyxl.load_workbook(path)
            sheet = book.worksheets[0]
            if sheet.max_row > 8:
                sheet.delete_rows(9, sheet.max_row - 8)
            os.makedirs(os.path.join(seeds, "xlsx"), exist_ok=True)
            book.save(os.path.join(seeds, "xlsx", stem + "-openpyxl.xlsx"))
    # The same workbooks as their XML parts, for the sheet target (SheetParts in GridworkFuzz.swift).
    import zipfile
    for name in sorted(os.listdir(os.path.join(seeds, "xlsx"))):
        with zipfile.ZipFile(os.path.join(seeds, "xlsx", name)) as archive:
            names = {entry.lower(): entry for entry in archive.namelist()}
            parts = [archive.read(names[path.lower()]) if path.lower() in names else b"" for path in SHEET_PARTS]
        write(os.path.join(seeds, "sheet", os.path.splitext(name)[0] + ".xml"), PART_SEPARATOR.join(parts))


def main():
    demo, exports, out = sys.argv[1], sys.argv[2], sys.argv[3]
    folder = os.path.join(out, "Folder")
    seeds = os.path.join(out, "Seeds")
    for path in (folder, os.path.join(seeds, "shard"), os.path.join(seeds, "rules")):
        shutil.rmtree(path, ignore_errors=True)

    grids = sorted(os.listdir(os.path.join(demo, "grids")))[:2]
    files = {}  # kind -> list of (relative path, file)
    manifest = load(os.path.join(demo, "gridwork.json"))
    write(os.path.join(folder, "gridwork.json"), dump(manifest))

    workers = load(os.path.join(demo, "workers.json"))
    workers["records"] = [unseal(w, "worker") for w in workers["records"]
                          if not w["gridCodes"] or set(w["gridCodes"]) & set(grids)]
    files["worker"] = [("workers.json", workers)]

    for code in grids:
        base = os.path.join("grids", code)
        grid = load(os.path.join(demo, base, "grid.json"))
        grid["records"] = [unseal(g, "grid") for g in grid["records"]]
        files.setdefault("grid", []).append((base + "/grid.json", grid))
        households = load(os.path.join(demo, base, "households.json"))
        households["records"] = households["records"][:8]
        kept = {h["meta"]["id"] for h in households["records"]}
        files.setdefault("household", []).append((base + "/households.json", households))
        residents = load(os.path.join(demo, base, "residents.json"))
        residents["records"] = [unseal(r, "resident") for r in residents["records"] if r["householdID"] in kept]
        files.setdefault("resident", []).append((base + "/residents.json", residents))

    # Patrols and cases are not part of the folder (the planner does not read them): seeds only.
    code = grids[0]
    for kind, sub in (("patrolLog", "patrols"), ("disputeCase", "cases")):
        names = sorted(os.listdir(os.path.join(demo, "grids", code, sub)))
        shard = load(os.path.join(demo, "grids", code, sub, names[-1]))
        shard["records"] = shard["records"][:3]
        files[kind] = [(None, shard)]

    for kind, shards in files.items():
        number = KINDS.index(kind)
        for index, (relative, shard) in enumerate(shards):
            if relative is not None:
                write(os.path.join(folder, relative), dump(shard))
            write(os.path.join(seeds, "shard", "%s-%d.json" % (kind, index)), bytes([number]) + dump(shard))
            for record_index, record in enumerate(shard["records"][:2]):
                write(os.path.join(seeds, "rules", "%s-%d-%d.json" % (kind, index, record_index)),
                      bytes([number]) + dump(record))
    write(os.path.join(seeds, "shard", "manifest.json"), bytes([6]) + dump(manifest))
    ledgers(exports, seeds)


if __name__ == "__main__":
    main()
