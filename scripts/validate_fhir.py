"""Checks that a file holds a valid FHIR Bundle, every resource in it parsed and validated by the Python
package fhir.resources: its R4 (4.0.1) models with fhir.resources 5.1, or with `--r4b` its R4B (4.3.0)
models with fhir.resources 7.1. Prints the count by type; exits 1 on the first invalid resource, naming
it."""
import collections
import json
import sys

r4b = "--r4b" in sys.argv
path = [argument for argument in sys.argv[1:] if argument != "--r4b"][0]
if r4b:
    from fhir.resources.R4B import __fhir_version__ as version
    from fhir.resources.R4B.bundle import Bundle

    assert version == "4.3.0", version
    name = "R4B"
else:
    import fhir.resources
    from fhir.resources.bundle import Bundle

    assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__
    name = "R4"

with open(path, encoding="utf-8") as handle:
    data = json.load(handle)
try:
    # Strict: an unknown element, a wrong type or a missing required element is an error, with its path.
    bundle = Bundle.parse_obj(data) if r4b else Bundle(data, strict=True)
except Exception as error:
    print(f"invalid FHIR {name} Bundle: {error}")
    sys.exit(1)
counts = collections.Counter(entry.resource.resource_type for entry in bundle.entry or [])
print(f"valid FHIR {name} {bundle.type} Bundle: " + ", ".join(f"{n} {t}" for t, n in sorted(counts.items())))
