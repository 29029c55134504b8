#!/usr/bin/env python3
"""Checks (and helps fill) a Qt Linguist .ts file.

    check_translations.py vae-explorer_zh_CN.ts
        Lists the messages that are unfinished or have no translation, and translations whose
        placeholders (%1, %n), HTML tags, line breaks or keyboard accelerators (&F) differ from
        the source text. Exit status 1 if any, 0 if the file is complete.

    check_translations.py vae-explorer_zh_CN.ts --lupdate /usr/lib/qt6/bin/lupdate --sources app/gui
        The same, but first runs lupdate on the sources into a temporary copy of the .ts file:
        it answers "does the committed translation cover every string in the code now?" without
        touching the file (the ctest gui.translations_complete runs this).

    check_translations.py vae-explorer_zh_CN.ts --export-unfinished todo.json
        Writes {source: ""} for every message still to translate, to fill in with an editor.

    check_translations.py vae-explorer_zh_CN.ts --apply todo.json
        Writes the translations of a {source: translation} JSON file into the .ts file (marking
        them finished; run `cmake --build build --target update_translations` afterwards to let
        lupdate normalise the file). Entries that fail the checks above are not applied.

Only the Python standard library is used.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(?:\d+|n|L\d+)")
TAG = re.compile(r"</?[a-zA-Z]+[^>]*>")
# An accelerator is "&" before a letter or digit; "&amp;" etc. are entities, "&&" a literal "&".
ACCELERATOR = re.compile(r"&(?!amp;|lt;|gt;|quot;|apos;|&)([A-Za-z0-9])")


def tag_names(text):
    return sorted(re.sub(r"[<>/]|\s.*", "", t) for t in TAG.findall(text))


def problems(source, translation):
    """What is wrong with `translation` of `source` (empty list if nothing)."""
    found = []
    if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
        found.append("placeholders differ")
    if tag_names(source) != tag_names(translation):
        found.append("HTML tags differ")
    if source.count("\n") != translation.count("\n"):
        found.append("line breaks differ")
    accel_source = [a.upper() for a in ACCELERATOR.findall(source)]
    accel_translation = [a.upper() for a in ACCELERATOR.findall(translation)]
    if accel_source != accel_translation:
        found.append("accelerator differs (keep the same letter, e.g. \"文件(&F)\")")
    return found


def messages(root):
    """(context name, message element) for every live message (not obsolete or vanished)."""
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("obsolete", "vanished"):
                continue
            yield name, message


def translation_texts(message):
    """The translation strings of a message (numerus forms give several)."""
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    if forms:
        return [f.text or "" for f in forms]
    return [translation.text or ""]


def check(path):
    root = ET.parse(path).getroot()
    untranslated = []
    wrong = []
    for context, message in messages(root):
        source = message.findtext("source", "")
        translation = message.find("translation")
        texts = translation_texts(message)
        if (translation is None or translation.get("type") == "unfinished"
                or not any(t.strip() for t in texts)):
            untranslated.append((context, source))
            continue
        for text in texts:
            issues = problems(source, text)
            if issues:
                wrong.append((context, source, text, issues))
    return untranslated, wrong


def run_lupdate(lupdate, sources, ts_path, workdir):
    copy = os.path.join(workdir, os.path.basename(ts_path))
    shutil.copyfile(ts_path, copy)
    command = [lupdate, *sources, "-locations", "none", "-no-obsolete", "-silent", "-ts", copy]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("lupdate failed (%d): %s\n%s" % (result.returncode, " ".join(command),
                                                  result.stderr))
    return copy


def export_unfinished(path, out):
    untranslated, wrong = check(path)
    todo = {source: "" for _, source in untranslated}
    todo.update({source: text for _, source, text, _ in wrong})
    with open(out, "w", encoding="utf-8") as f:
        json.dump(todo, f, ensure_ascii=False, indent=1)
    print("%d message(s) to translate written to %s" % (len(todo), out))


def apply(path, json_path):
    with open(json_path, encoding="utf-8") as f:
        wanted = json.load(f)
    tree = ET.parse(path)
    applied = 0
    for _, message in messages(tree.getroot()):
        source = message.findtext("source", "")
        text = wanted.get(source, "")
        if not text:
            continue
        issues = problems(source, text)
        if issues:
            print("not applied (%s): %r -> %r" % ("; ".join(issues), source, text))
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        translation.text = text
        applied += 1
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
    print("applied %d translation(s) to %s" % (applied, path))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ts", help="the .ts file, e.g. resources/translations/vae-explorer_zh_CN.ts")
    parser.add_argument("--lupdate", help="run this lupdate on --sources into a temporary copy first")
    parser.add_argument("--sources", nargs="+", default=[], help="source files or folders")
    parser.add_argument("--export-unfinished", metavar="JSON")
    parser.add_argument("--apply", metavar="JSON")
    args = parser.parse_args()

    if args.apply:
        apply(args.ts, args.apply)
        return 0
    with tempfile.TemporaryDirectory() as workdir:
        path = args.ts
        if args.lupdate:
            if not args.sources:
                parser.error("--lupdate needs --sources")
            path = run_lupdate(args.lupdate, args.sources, args.ts, workdir)
        if args.export_unfinished:
            export_unfinished(path, args.export_unfinished)
            return 0
        untranslated, wrong = check(path)

    name = os.path.basename(args.ts)
    for context, source in untranslated:
        print("untranslated [%s]: %r" % (context, source))
    for context, source, text, issues in wrong:
        print("wrong [%s] (%s): %r -> %r" % (context, "; ".join(issues), source, text))
    if untranslated or wrong:
        print("%s: %d untranslated and %d inconsistent message(s). Update the file with "
              "`cmake --build build --target update_translations`, translate them in Qt Linguist "
              "(linguist %s) or with --export-unfinished / --apply, see "
              "docs/development.md, 'Translations'." % (name, len(untranslated), len(wrong), name))
        return 1
    print("%s: every message is translated." % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
