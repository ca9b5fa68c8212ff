#!/usr/bin/env python3
"""Regenerates signatures.json: values signed by Django's django.core.signing, which
RoostSigningTests checks Roost verifies (and reproduces) with the same key and salt.

    pip install Django
    python3 Tests/RoostSigningTests/Fixtures/generate.py
"""
import json
import pathlib

import django
from django.conf import settings

settings.configure(SECRET_KEY="django-insecure-fixture-key", SECRET_KEY_FALLBACKS=[])
django.setup()

from django.core import signing  # noqa: E402

TIMESTAMP = 1_700_000_000


class FixedTimestampSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(TIMESTAMP)


cases = []
for key in ["django-insecure-fixture-key", "old-fixture-key"]:
    for salt in ["roost.signing", "django.core.signing.Signer", "password-reset"]:
        for value in ["hello", "a:b:c", "ünïcödé ✓", ""]:
            cases.append({
                "kind": "plain", "key": key, "salt": salt, "value": value,
                "signed": signing.Signer(key=key, salt=salt).sign(value),
            })
        cases.append({
            "kind": "timestamp", "key": key, "salt": salt, "value": "42", "timestamp": TIMESTAMP,
            "signed": FixedTimestampSigner(key=key, salt=salt).sign("42"),
        })
objects = [{
    "key": "django-insecure-fixture-key", "salt": "roost.signing",
    "signed": FixedTimestampSigner(key="django-insecure-fixture-key", salt="roost.signing")
    .sign_object({"user": 7, "next": "/a"}),
    "timestamp": TIMESTAMP,
}]
out = pathlib.Path(__file__).resolve().parent / "signatures.json"
out.write_text(json.dumps({"cases": cases, "objects": objects}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {len(cases)} signatures with Django {django.get_version()}")
