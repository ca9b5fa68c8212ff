#!/usr/bin/env python3
"""Generates conformance.json: template cases with the output real Jinja2 3.1.6 produces.

Each case names its templates, the main template to render, a JSON context and options. The
Swift suite (ConformanceTests.swift) renders the same templates and compares bytes, so it
needs no Python. Run from anywhere:

    python3 Tests/RoostTemplatesTests/Fixtures/generate.py

Options mirror the CLI's Jinja environment: FileSystemLoader, autoescape for names ending
.html/.htm/.xml, plus trim_blocks / lstrip_blocks / keep_trailing_newline / undefined=strict.
"""
import json
import os
import sys
import tempfile
import traceback

import jinja2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import CASES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def autoescape_for(name):
    return name is not None and name.lower().endswith((".html", ".htm", ".xml"))


def error_location(exc, root):
    """The template name and line of the innermost template frame of a runtime error."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name = exc.name
        if name and name.startswith(root):
            name = os.path.relpath(name, root)
        return name, exc.lineno
    name, line = None, None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(root):
            name = os.path.relpath(frame.filename, root)
            line = frame.lineno
    return name, line


def run_case(case):
    with tempfile.TemporaryDirectory() as root:
        for tname, source in case["templates"].items():
            path = os.path.join(root, tname)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(source)
        opts = case.get("options", {})
        kwargs = dict(
            loader=jinja2.FileSystemLoader(root),
            autoescape=opts["autoescape"] if "autoescape" in opts else autoescape_for,
            trim_blocks=opts.get("trim_blocks", False),
            lstrip_blocks=opts.get("lstrip_blocks", False),
            keep_trailing_newline=opts.get("keep_trailing_newline", False),
        )
        if opts.get("undefined") == "strict":
            kwargs["undefined"] = jinja2.StrictUndefined
        env = jinja2.Environment(**kwargs)
        try:
            out = env.get_template(case["main"]).render(**case.get("context", {}))
            return {"output": out}
        except Exception as exc:  # noqa: BLE001 - every failure is an expected outcome
            name, line = error_location(exc, root)
            kind = type(exc).__name__
            if kind == "TemplatesNotFound":
                kind = "TemplateNotFound"
            message = str(exc).split("\n")[0].replace(root, "<root>")
            return {"error": {"type": kind, "message": message, "template": name, "line": line}}


def normalize(case):
    if "source" in case:
        name = case.get("name_of_main", "main.txt")
        case = dict(case)
        case["templates"] = {name: case.pop("source"), **case.get("templates", {})}
        case["main"] = name
    return case


def write_entities():
    """Writes Sources/RoostTemplates/Runtime/HTMLEntities.swift from Python's html.entities."""
    import html.entities as he

    def lit(text):
        return '"' + "".join("\\u{%x}" % ord(c) if (ord(c) > 126 or c in '"\\') else c for c in text) + '"'

    names = {k: chr(v) for k, v in he.name2codepoint.items()}
    names["apos"] = "'"
    legacy = sorted(k for k in he.html5 if not k.endswith(";"))
    lines = [
        "// AUTO-GENERATED from Python's html.entities (HTML 4 names plus HTML5 legacy names).",
        "// Regenerate with: python3 Tests/RoostTemplatesTests/Fixtures/generate.py --entities",
        "",
        "/// Named character references understood by `unescape` and `striptags`.",
        "enum HTMLEntities {",
        "    /// Names (without `;`) and their text.",
        "    static let named: [String: String] = [",
    ]
    lines += [f"        {lit(k)}: {lit(names[k])}," for k in sorted(names)]
    lines += ["    ]", "    /// Names that are recognised without a trailing `;` (HTML5 legacy references).",
              "    static let legacy: [String: String] = ["]
    lines += [f"        {lit(k)}: {lit(he.html5[k])}," for k in legacy]
    lines += ["    ]", "}"]
    target = os.path.join(HERE, "..", "..", "..", "Sources", "RoostTemplates", "Runtime", "HTMLEntities.swift")
    with open(os.path.normpath(target), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {os.path.normpath(target)}")


def main():
    if "--entities" in sys.argv:
        write_entities()
        return
    results = []
    names = set()
    for raw in CASES:
        case = normalize(raw)
        if case["id"] in names:
            raise SystemExit(f"duplicate case id {case['id']}")
        names.add(case["id"])
        expected = run_case(case)
        entry = {k: case[k] for k in ("id", "templates", "main")}
        entry["context"] = case.get("context", {})
        entry["options"] = case.get("options", {})
        entry["expected"] = expected
        if "check" in case:
            entry["check"] = case["check"]
        results.append(entry)
    with open(os.path.join(HERE, "conformance.json"), "w", encoding="utf-8") as fh:
        json.dump({"jinja2": jinja2.__version__, "cases": results}, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    print(f"{len(results)} cases written ({sum('error' in r['expected'] for r in results)} error cases)")


if __name__ == "__main__":
    main()
