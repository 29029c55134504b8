#!/usr/bin/env python3
"""Checks that the GUI's layers depend downwards only (docs/architecture.md, "The layers").

Every quoted include in app/gui/<layer>/… must name a header of the same layer or of a layer
below it; a tool may include the tool context, plots, widgets and the session, and its own
folder's headers, but never another tool's or the shell's. Exits 1 with the offending lines.
"""
import pathlib
import re
import sys

ALLOWED = {
    "session": {"session"},
    "plots": {"plots", "session"},
    "widgets": {"widgets", "session"},
    "tools": {"tools", "plots", "widgets", "session"},  # tools/<x>/ only its own folder, below
    "shell": {"shell", "tools", "plots", "widgets", "session"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def main() -> int:
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("app/gui")
    problems = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cpp") or path.parent == root:
            continue
        parts = path.relative_to(root).parts
        layer = parts[0]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match or match.group(1).endswith(".moc"):
                continue
            target = match.group(1).split("/")
            if len(target) == 1:
                continue  # a sibling of the same folder
            if target[0] not in ALLOWED.get(layer, set()):
                problems.append(f"{path}:{number}: {layer}/ may not include {match.group(1)}")
            elif layer == "tools" and target[0] == "tools" and len(parts) > 2:
                # tools/<x>/… may include tools/<x>/… and the shared tools/*.h only.
                if len(target) > 2 and target[1] != parts[1]:
                    problems.append(f"{path}:{number}: tool {parts[1]} includes another tool: "
                                    f"{match.group(1)}")
    stray = [p for p in root.iterdir() if p.is_file() and p.name not in ("main.cpp", "CMakeLists.txt")]
    problems += [f"{p}: app/gui/ holds only main.cpp and CMakeLists.txt" for p in stray]
    for problem in problems:
        print(problem)
    print(f"layers: {len(problems)} problem(s) in {root}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
