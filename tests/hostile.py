"""Text an attacker would write into a reply, an author name or a post: shared by the tests
of every surface (database, TUI, reports, CLI), so each is tried with the same payloads."""

from __future__ import annotations

import regex as re

ESC = "\x1b"
MARKUP = [
    "[@click=app.screenshot('x.svg','{folder}')]Klick[/]",
    "[@click=app.quit]Beenden[/]",
    "[@click=app.bell]bell[/]",
    "[link=file:///etc/passwd]x[/link]",
    "[link='javascript:alert(1)']y[/link]",
    "[bold red]laut",
    "Danke [/] Dortmund",
    "[/]",
    "[b][i]nested[/b] unbalanced[/i][/]]]",
    "[[[[[",
    "[on red][reverse]x",
    ":warning: $variable {braces}",
]
ESCAPES = [
    f"{ESC}[2J{ESC}[H gewischt",
    f"{ESC}]8;;http://evil.example{ESC}\\Link{ESC}]8;;{ESC}\\",
    f"{ESC}]52;c;ZWNobyBwd25lZA=={ESC}\\",
    f"{ESC}]0;Fenstertitel\x07",
    f"{ESC}P1$qm{ESC}\\",
    f"{ESC}[31mrot{ESC}[0m",
    f"{ESC}[?1049h{ESC}[?25l",
    "\x9b2J\x9d0;c1\x9c",
    "a\x00b\x07c\x08d\x0be\x0cf\rg\x7fh",
]
UNICODE = [
    "\u202eevil.exe\u202c txt.",
    "\u2066isolated\u2069 \u200fmark\u200e \u061c",
    "مرحبا بالعالم ‏שלום",
    "👨‍👩‍👧‍👦 Familie 🏳️‍🌈",
    "a\u2028b\u2029c",
]
HTML = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[klick](javascript:alert(1))",
    "![bild](http://evil.example/x.png)",
    "| a | b |\n|---|---|",
    "# Überschrift\n***",
    "`code` *fett* _kursiv_ \\",
    "&lt;script&gt;",
]
FORMULAS = [
    '=HYPERLINK("http://evil.example","klick")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]
LONG = "x" * 10_000


def payloads(folder: str = "/tmp") -> list[str]:
    """Every payload, with `folder` where one would write a file."""
    return [p.replace("{folder}", folder) for p in MARKUP] + ESCAPES + UNICODE + HTML + FORMULAS


CONTROL_IN_OUTPUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def data_controls(text: str) -> list[str]:
    """Control sequences in `text` that could only have come from the payloads."""
    found = CONTROL_IN_OUTPUT.findall(text.replace("\r\n", "\n"))
    return [char for char in found if char != "\x1b"] + re.findall(
        r"\x1b(?:\[2J|\]8;;http://evil|\]52|\]0;Fenster|P1\$q|\[\?1049h)", text
    )
