#!/usr/bin/env python3
"""Regenerates the Django-made fixtures RoostPasswordsTests checks against.

    pip install Django
    python3 Tests/RoostPasswordsTests/Fixtures/generate.py

Writes hashes.json (hashes made by Django's own hashers, with the right and a wrong password
and whether Django would upgrade each) and validators.json (the error codes Django's four
password validators give for sample passwords and users).
"""
import json
import pathlib

import django
from django.conf import settings

settings.configure(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ],
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
)
django.setup()

from django.contrib.auth.hashers import (  # noqa: E402
    PBKDF2PasswordHasher,
    ScryptPasswordHasher,
    identify_hasher,
    make_password,
)
from django.contrib.auth.password_validation import (  # noqa: E402
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
)
from django.core.exceptions import FieldDoesNotExist, ValidationError  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
pbkdf2 = PBKDF2PasswordHasher()


def entry(password, wrong, encoded, note):
    hasher = identify_hasher(encoded)
    return {
        "note": note,
        "password": password,
        "wrong": wrong,
        "encoded": encoded,
        "algorithm": hasher.algorithm,
        "djangoMustUpdate": hasher.must_update(encoded),
    }


hashes = [
    entry("correct horse battery staple", "correct horse battery stapl",
          make_password("correct horse battery staple", hasher="pbkdf2_sha256"),
          f"pbkdf2_sha256, Django {django.get_version()} default ({pbkdf2.iterations} iterations)"),
    entry("pässwörd ✓ 密码", "passwörd ✓ 密码",
          make_password("pässwörd ✓ 密码", hasher="pbkdf2_sha256"), "pbkdf2_sha256, non-ASCII password"),
    entry("hunter2", "Hunter2", pbkdf2.encode("hunter2", pbkdf2.salt(), 260000),
          "pbkdf2_sha256 with 260,000 iterations (Django 3.2): verifies, needs an upgrade"),
    entry("legacy", "legacY", pbkdf2.encode("legacy", "shortsalt123", 1000),
          "pbkdf2_sha256 with a 12-character salt: verifies, needs an upgrade"),
    entry("", " ", pbkdf2.encode("", pbkdf2.salt(), 1000), "the empty password"),
    entry("s3cr3t scrypt", "s3cr3t scrypT", make_password("s3cr3t scrypt", hasher="scrypt"),
          "scrypt with Django's defaults: verifies, upgraded to the preferred PBKDF2"),
    entry("ünïcödé scrypt", "unicode scrypt",
          ScryptPasswordHasher().encode("ünïcödé scrypt", "abcdefghijklmnopqrstuv", n=2**10, r=4, p=2),
          "scrypt with smaller parameters"),
]
(HERE / "hashes.json").write_text(json.dumps(hashes, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class Meta:
    def get_field(self, name):
        raise FieldDoesNotExist(name)


class User:
    _meta = Meta()

    def __init__(self, **attributes):
        self.__dict__.update(attributes)


validators = [
    ("minimum_length", MinimumLengthValidator()),
    ("user_attribute_similarity", UserAttributeSimilarityValidator()),
    ("common", CommonPasswordValidator()),
    ("numeric", NumericPasswordValidator()),
]
users = [
    {},
    {"username": "adalovelace", "first_name": "Ada", "last_name": "Lovelace", "email": "ada.lovelace@example.com"},
    {"username": "joe_bloggs", "email": "jb-2024@mail.example"},
]
passwords = [
    "", "short", "1234567", "12345678", "²³⁴⁵⁶⁷⁸⁹", "٠١٢٣٤٥٦٧٨", "password", "Password ", "  qwerty  ",
    "letmein!", "correct horse battery staple", "adalovelace", "AdaLovelace1", "lovelace", "ada.lovelace",
    "ada.lovelace@example", "joebloggs", "bloggs2024", "jb-2024@mail", "mail.example", "Zx9#kq!w", "ñandú-über-straße",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ada", "xadax", "fallen_angel", "iloveyou", "ILOVEYOU",
]
cases = []
for user_index, attributes in enumerate(users):
    user = User(**attributes) if attributes else None
    for password in passwords:
        codes = {}
        for name, validator in validators:
            try:
                validator.validate(password, user)
                codes[name] = None
            except ValidationError as error:
                codes[name] = error.code
        cases.append({"user": user_index, "password": password, "codes": codes})
(HERE / "validators.json").write_text(
    json.dumps({"users": users, "cases": cases}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
)
print(f"wrote {len(hashes)} hashes and {len(cases)} validator cases with Django {django.get_version()}")
