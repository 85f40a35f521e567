#!/usr/bin/env python3
"""The module arrows and size rules of the architecture (docs/architecture.md), checked against
the sources: every `import` of a target is one of its declared dependencies (Package.swift), the
forbidden arrows are absent, no source file is over 400 lines, and the HTTP layers read the time
only through the injected clock. Prints each violation; exits 1 when there is one.

Usage: check_architecture.py [repository root]   (the package description comes from
`swift package dump-package`)
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
MAX_LINES = 400

# Modules of the toolchain and the OS.
SYSTEM = {"Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Glibc", "Musl", "Darwin",
          "Synchronization", "_Concurrency", "os"}
# Modules a declared product brings along and re-exports in its own API.
BROUGHT_BY = {"HTTPTypes": {"Hummingbird", "HummingbirdCore"}, "SQLKit": {"FluentKit"}}

# The arrows the architecture forbids, beyond "declared or not": (importer pattern, module, why).
ENGINES = {"FlowstaCore", "FlowstaCrypto", "FlowstaAccounts", "FlowstaPlatform", "FlowstaOAuth", "FlowstaUsage",
           "FlowstaBilling", "FlowstaMail", "FlowstaPrivacy", "FlowstaStripe", "FlowstaSignIt", "FlowstaWebhooks"}
FORBIDDEN = [
    (lambda t: t not in {"FlowstaServer", "flowsta-bench"}, "FlowstaStore", "only the composition root opens the store"),
    (lambda t: t != "FlowstaPages", "Mustache", "only FlowstaPages renders templates"),
    (lambda t: t == "FlowstaOAuth", "FlowstaPlatform", "the OAuth engine knows clients, not the platform (the adapter is in FlowstaServer)"),
    (lambda t: t in ENGINES, "Hummingbird", "engines do not speak HTTP"),
    (lambda t: t in ENGINES, "HTTPTypes", "engines do not speak HTTP"),
    (lambda t: t in ENGINES - {"FlowstaStripe"}, "AsyncHTTPClient", "engines do not speak HTTP"),
    (lambda t: t in ENGINES, "FluentKit", "engines reach storage through their ports"),
    (lambda t: t in ENGINES, "SQLKit", "engines reach storage through their ports"),
]
# Imports that must not be public: billing's API does not expose Stripe's types.
NOT_PUBLIC = {("FlowstaBilling", "FlowstaStripe")}
# The request-handling layers read the time from the injected clock only.
CLOCK_TARGETS = {"FlowstaHTTP", "FlowstaAPI", "FlowstaPages"}
CLOCK_BYPASS = re.compile(r"\bDate\(\)|\.timeIntervalSinceNow\b|\bDate\.now\b")

IMPORT = re.compile(r"^\s*(?:@\w+\s+)*(public |package |internal |private |fileprivate )?import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def main() -> int:
    description = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    problems = []
    for target in description["targets"]:
        if target["type"] in ("test", "system"):
            continue
        name = target["name"]
        path = ROOT / (target.get("path") or f"Sources/{name}")
        declared = set()
        for dependency in target.get("dependencies", []):
            for kind in ("byName", "target", "product"):
                if kind in dependency:
                    declared.add(dependency[kind][0])
        allowed = declared | SYSTEM | {module for module, providers in BROUGHT_BY.items() if providers & declared}
        for file in sorted(path.rglob("*.swift")):
            relative = file.relative_to(ROOT)
            lines = file.read_text().splitlines()
            if len(lines) > MAX_LINES:
                problems.append(f"{relative}: {len(lines)} lines (at most {MAX_LINES}: split it by responsibility)")
            for number, line in enumerate(lines, 1):
                match = IMPORT.match(line)
                if match:
                    access, module = match.group(1), match.group(2)
                    if module not in allowed:
                        problems.append(f"{relative}:{number}: imports {module}, which {name} does not declare in Package.swift")
                    for applies, forbidden, why in FORBIDDEN:
                        if module == forbidden and applies(name):
                            problems.append(f"{relative}:{number}: {name} imports {module}: {why}")
                    if (name, module) in NOT_PUBLIC and access not in ("internal ", "package ", "private ", "fileprivate "):
                        problems.append(f"{relative}:{number}: {name} must import {module} as internal or package (it is not part of its public API)")
                if name in CLOCK_TARGETS and CLOCK_BYPASS.search(line.split("//")[0]):
                    problems.append(f"{relative}:{number}: reads the system clock; use the injected TimeSource")
    for problem in problems:
        print(problem)
    print(f"architecture: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
