"""Checks that a file holds a valid FHIR R4 (4.0.1) Bundle, every resource in it parsed and validated by
the Python package fhir.resources (5.1.x, the R4 models). Prints the count by type; exits 1 on the first
invalid resource, naming it."""
import collections
import json
import sys

import fhir.resources
from fhir.resources.bundle import Bundle

assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__

with open(sys.argv[1], encoding="utf-8") as handle:
    data = json.load(handle)
try:
    # Strict: an unknown element, a wrong type or a missing required element is an error, with its path.
    bundle = Bundle(data, strict=True)
except Exception as error:
    print(f"invalid FHIR R4 Bundle: {error}")
    sys.exit(1)
counts = collections.Counter(entry.resource.resource_type for entry in bundle.entry or [])
print(f"valid FHIR R4 {bundle.type} Bundle: " + ", ".join(f"{n} {t}" for t, n in sorted(counts.items())))
