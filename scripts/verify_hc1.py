"""An independent check of an HC1 certificate: Base45, zlib, COSE_Sign1 with ES256, the DCC fields, and
the trust list that names the document signer (its signature by the authority, and the signer's
certificate issued by the authority).

    verify_hc1.py TRUST-LIST.json [HC1-TEXT | -]

Prints one JSON object (valid, reason, and the DCC fields a verifier reads); exit status 0 only when
valid. Written against the published formats, not against VaxDesk's code.
"""
import base64
import json
import sys
import zlib

import base45
import cbor2
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils
from pycose.headers import KID
from pycose.keys.curves import P256
from pycose.keys.ec2 import EC2Key
from pycose.messages import Sign1Message


def raw_to_der(signature):
    half = len(signature) // 2
    return utils.encode_dss_signature(int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big"))


def trusted_signers(path):
    envelope = json.load(open(path))
    content = base64.b64decode(envelope["content"])
    listed = json.loads(content)
    authority = x509.load_der_x509_certificate(base64.b64decode(listed["authority"]))
    # The list is the authority's: its signature over the content's bytes.
    authority.public_key().verify(raw_to_der(base64.b64decode(envelope["signature"])), content, ec.ECDSA(hashes.SHA256()))
    signers = {}
    for signer in listed["signers"]:
        certificate = x509.load_der_x509_certificate(base64.b64decode(signer["certificate"]))
        certificate.verify_directly_issued_by(authority)
        signers[base64.b64decode(signer["kid"])] = (certificate, signer)
    return signers


def main():
    signers = trusted_signers(sys.argv[1])
    text = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else sys.stdin.read()
    text = text.strip()
    result = {"valid": False}
    try:
        if not text.startswith("HC1:"):
            raise ValueError("no HC1: prefix")
        message = Sign1Message.decode(zlib.decompress(base45.b45decode(text[4:])))
        kid = message.phdr.get(KID) or message.uhdr.get(KID)
        if kid not in signers:
            raise ValueError("unknown kid " + kid.hex())
        certificate, signer = signers[kid]
        numbers = certificate.public_key().public_numbers()
        message.key = EC2Key(crv=P256, x=numbers.x.to_bytes(32, "big"), y=numbers.y.to_bytes(32, "big"))
        if not message.verify_signature():
            raise ValueError("bad signature")
        claims = cbor2.loads(message.payload)
        dcc = claims[-260][1]
        dose = dcc["v"][0]
        result.update({
            "valid": True, "site": signer["siteCode"], "iss": claims[1], "iat": claims[6], "exp": claims[4],
            "ver": dcc["ver"], "fn": dcc["nam"]["fn"], "fnt": dcc["nam"]["fnt"], "gn": dcc["nam"].get("gn"),
            "gnt": dcc["nam"].get("gnt"), "dob": dcc["dob"], "doses": len(dcc["v"]),
            **{key: dose[key] for key in ("tg", "vp", "mp", "ma", "dn", "sd", "dt", "co", "is", "ci")},
        })
    except Exception as error:  # every failure is an invalid certificate, with its reason
        result["reason"] = str(error)
    print(json.dumps(result, ensure_ascii=False))
    sys.exit(0 if result["valid"] else 1)


if __name__ == "__main__":
    main()
