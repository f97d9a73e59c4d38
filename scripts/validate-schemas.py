#!/usr/bin/python3
"""Checks every file of a gridwork data folder against the JSON Schemas in schemas/.

Run: /usr/bin/python3 scripts/validate-schemas.py [SCHEMA_DIR] DATA_DIR

The validator is Debian's python3-jsonschema (apt-get install python3-jsonschema; scripts/test
installs it). Debian's python3-* packages are seen by /usr/bin/python3, not by a pyenv or
virtualenv python3 that may come first on PATH, hence the explicit interpreter.

Each file is matched to its schema by its place in the folder (the README's data folder
layout). A file with no schema is a failure, so a new kind of file cannot go unchecked. Not
data, and so not checked: the derived cache/ (safe to delete), .lock, .journal (the change under
way, emptied between changes), temp files a crash left (.NAME.gwtmp, removed at the next
start), and drafts set aside as unreadable (drafts/*.unreadable, kept for a person to look at).
A draft in a folder whose community is set up is sealed whole (enc1: and base64, not JSON):
only its form is checked; its contents need the community key.

Every failure is printed on standard output as `path: where in the file: what is wrong` (with
`path:line` for a line of the audit trail), with runs of seven or more digits replaced by *** so
that no ID or phone number is quoted. Standard error gets a summary: how many documents each
schema checked (`checked households.schema.json 8`; a sealed draft counts as `sealed
draft.schema.json 1`), then the totals. Exit status: 0 when every file passes, 1 when any
fails, 2 when the schemas or the validator cannot be loaded.
"""
import base64
import json
import re
import sys
from pathlib import Path

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:
    sys.stderr.write("validate-schemas: python3-jsonschema is missing (apt-get install python3-jsonschema; "
                     "scripts/test installs it), or this is not /usr/bin/python3\n")
    sys.exit(2)

# Failures printed per file; the rest are counted.
SHOWN_PER_FILE = 50

GRID = r"[0-9]{15}"
# Path (relative to the data folder) -> schema file, first match wins.
LAYOUT = [
    (r"gridwork\.json", "manifest.schema.json"),
    (r"workers\.json", "workers.schema.json"),
    (r"visit-schedule\.json", "visit-schedule.schema.json"),
    (r"accounts\.json", "accounts.schema.json"),
    (rf"grids/{GRID}/grid\.json", "grid.schema.json"),
    (rf"grids/{GRID}/households\.json", "households.schema.json"),
    (rf"grids/{GRID}/residents\.json", "residents.schema.json"),
    (rf"grids/{GRID}/patrols/[0-9]{{4}}-[0-9]{{2}}\.json", "patrols.schema.json"),
    (rf"grids/{GRID}/cases/[0-9]{{4}}\.json", "cases.schema.json"),
    (rf"tombstones/{GRID}\.json", "tombstones.schema.json"),
    (r"audit/trail\.jsonl", "audit-entry.schema.json"),
    (r"audit/head\.json", "audit-head.schema.json"),
    (r"audit/keys\.json", "audit-keys.schema.json"),
    (r"drafts/[^/]+\.json", "draft.schema.json"),
]
NOT_DATA = [r"cache/.*", r"\.lock", r"\.journal", r"\.redo-journal", r"(.*/)?\.[^/]*\.gwtmp", r"drafts/[^/]+\.unreadable"]
SEALED_DRAFT = re.compile(rb"enc1:([A-Za-z0-9+/]{4})+([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\n?")


def redacted(text):
    """Messages quote values; an ID or phone number must not reach a log."""
    return re.sub(r"[0-9]{7,}[0-9Xx]?", "***", text)


def load_schemas(folder):
    schemas = {}
    for path in sorted(folder.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        schemas[path.name] = schema
    return schemas


def make_validators(schemas):
    """One validator per schema, resolving `$ref`s between the files of schemas/ by their `$id`
    and never over the network (the ids name a host that does not exist)."""
    by_id = {schema["$id"]: schema for schema in schemas.values()}
    try:
        # jsonschema 4.18 and later resolve through `referencing`; RefResolver is deprecated there.
        from referencing import Registry, Resource
        registry = Registry().with_resources(
            (identifier, Resource.from_contents(schema)) for identifier, schema in by_id.items())
        return {name: Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()}
    except ImportError:
        # Debian 12's jsonschema 4.10.
        return {name: Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=by_id))
                for name, schema in schemas.items()}


def schema_for(relative):
    for pattern, schema in LAYOUT:
        if re.fullmatch(pattern, relative):
            return schema
    return None


def where(error):
    return "/" + "/".join(str(part) for part in error.absolute_path)


def check_document(validator, document, label, failures):
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        failures.append(f"{label}: {where(error)}: {redacted(error.message)}")


def check_file(path, relative, validator, failures):
    """Returns the number of documents checked (the lines of a .jsonl file, else 1)."""
    data = path.read_bytes()
    if relative.startswith("drafts/") and data.startswith(b"enc1:"):
        if not SEALED_DRAFT.fullmatch(data):
            failures.append(f"{relative}: a sealed draft must be enc1: followed by base64")
        return 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        failures.append(f"{relative}: not UTF-8 ({error.reason} at byte {error.start})")
        return 0
    if relative.endswith(".jsonl"):
        count = 0
        for number, line in enumerate(text.split("\n"), start=1):
            if not line:
                continue
            count += 1
            try:
                document = json.loads(line)
            except json.JSONDecodeError as error:
                failures.append(f"{relative}:{number}: invalid JSON: {error.msg} at column {error.colno}")
                continue
            check_document(validator, document, f"{relative}:{number}", failures)
        return count
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        failures.append(f"{relative}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}")
        return 0
    check_document(validator, document, relative, failures)
    return 1


def main(arguments):
    if len(arguments) == 1:
        schema_folder, data_folder = Path(__file__).resolve().parent.parent / "schemas", Path(arguments[0])
    elif len(arguments) == 2:
        schema_folder, data_folder = Path(arguments[0]), Path(arguments[1])
    else:
        sys.stderr.write("usage: validate-schemas.py [SCHEMA_DIR] DATA_DIR\n")
        return 2
    if not data_folder.is_dir():
        sys.stderr.write(f"validate-schemas: {data_folder} is not a folder\n")
        return 2
    try:
        validators = make_validators(load_schemas(schema_folder))
    except (OSError, ValueError, jsonschema.SchemaError) as error:
        sys.stderr.write(f"validate-schemas: the schemas in {schema_folder} cannot be loaded: {error}\n")
        return 2
    needed = {schema for _, schema in LAYOUT}
    if not needed <= validators.keys():
        sys.stderr.write(f"validate-schemas: {schema_folder} lacks {', '.join(sorted(needed - validators.keys()))}\n")
        return 2

    files = failed_files = 0
    checked = {name: 0 for name in sorted(needed)}
    sealed = 0
    for path in sorted(p for p in data_folder.rglob("*") if p.is_file()):
        relative = path.relative_to(data_folder).as_posix()
        if any(re.fullmatch(pattern, relative) for pattern in NOT_DATA):
            continue
        schema = schema_for(relative)
        if schema is None:
            print(f"{relative}: no schema describes this file (not a file of the data folder's layout)")
            failed_files += 1
            continue
        failures = []
        files += 1
        documents = check_file(path, relative, validators[schema], failures)
        checked[schema] += documents
        if documents == 0 and schema == "draft.schema.json" and not failures:
            sealed += 1
        if failures:
            failed_files += 1
            for line in failures[:SHOWN_PER_FILE]:
                print(line)
            if len(failures) > SHOWN_PER_FILE:
                print(f"{relative}: … and {len(failures) - SHOWN_PER_FILE} more")
    for name, count in checked.items():
        sys.stderr.write(f"checked {name} {count}\n")
    if sealed:
        sys.stderr.write(f"sealed draft.schema.json {sealed}\n")
    sys.stderr.write(f"{files} files of {data_folder} against {schema_folder}: "
                     + (f"{failed_files} with problems\n" if failed_files else "all valid\n"))
    return 1 if failed_files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
