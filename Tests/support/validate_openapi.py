#!/usr/bin/env python3
"""Validates the OpenAPI 3.1 document the server serves, merged from its resource files the way
the server merges them (Sources/FlowstaAPI/OpenAPI: openapi.json, paths/*.json, components/*.json),
with the third-party openapi-spec-validator (installed by scripts/test-venv).

Usage: "$(scripts/test-venv)" Tests/support/validate_openapi.py
Exit status 0 when the document is valid; 1 with the validator's findings otherwise.
"""
import json
import os
import sys

from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "FlowstaAPI", "OpenAPI")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def merged():
    document = load(os.path.join(ROOT, "openapi.json"))
    paths = {}
    for name in sorted(os.listdir(os.path.join(ROOT, "paths"))):
        for path, item in load(os.path.join(ROOT, "paths", name)).items():
            if path in paths:
                sys.exit(f"{path} is in two path files")
            paths[path] = item
    document["paths"] = paths
    document["components"] = {name[:-5]: load(os.path.join(ROOT, "components", name))
                              for name in sorted(os.listdir(os.path.join(ROOT, "components"))) if name.endswith(".json")}
    return document


def main():
    document = merged()
    try:
        validate(document)
    except OpenAPIValidationError as error:
        print(f"the OpenAPI document is not valid: {error}", file=sys.stderr)
        return 1
    operations = sum(1 for item in document["paths"].values() for method in item if method in
                     ("get", "put", "post", "delete", "patch", "head", "options", "trace"))
    print(f"OpenAPI document valid (openapi-spec-validator): {len(document['paths'])} paths, {operations} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
