"""Personal-data guard: residents' personal data must never enter the Kennisbank.

Finds likely personal data in text: e-mail addresses, Dutch phone numbers, a postcode
with a house number, and nine-digit numbers that pass the BSN eleven-test. Dates, years,
amounts and a postcode without a house number are not flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
# 06-12345678, 06 1234 5678, +31 6 12345678, 0031612345678, 050-1234567, 0596 123456
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?|0)"
    r"(?:6[\s-]?(?:\d[\s-]?){8}|[1-9]\d{1,2}[\s-]?(?:\d[\s-]?){6,7})(?![\w])"
)
POSTCODE_HOUSE = re.compile(
    r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b[\s,]+(?:\d{1,5}(?:\s?[a-zA-Z]\b|-\d+)?)\b"
)
NINE_DIGITS = re.compile(r"(?<![\d.,-])(\d{4}\.?\d{2}\.?\d{3}|\d{9})(?![\d.,-])")

KINDS = {
    "email": "e-mailadres",
    "phone": "telefoonnummer",
    "postcode": "postcode met huisnummer",
    "bsn": "BSN (burgerservicenummer)",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    match: str
    line: int  # 1-based, within the text that was checked

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    def message(self) -> str:
        return f"mogelijk persoonsgegeven ({self.label}): {self.match!r}"


def passes_eleven_test(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit() or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def find_personal_data(text: str) -> list[Finding]:
    findings: list[Finding] = []
    text = text or ""
    for match in EMAIL.finditer(text):
        findings.append(Finding("email", match.group(), _line_of(text, match.start())))
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 10 <= len(digits) <= 13:
            findings.append(Finding("phone", match.group().strip(), _line_of(text, match.start())))
    for match in POSTCODE_HOUSE.finditer(text):
        findings.append(Finding("postcode", match.group().strip(), _line_of(text, match.start())))
    for match in NINE_DIGITS.finditer(text):
        digits = match.group().replace(".", "")
        if passes_eleven_test(digits):
            findings.append(Finding("bsn", match.group(), _line_of(text, match.start())))
    return sorted(findings, key=lambda f: (f.line, f.kind))
