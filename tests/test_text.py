from __future__ import annotations

import pytest

from ui.text import md_literal


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("サンプル福祉の会", "サンプル福祉の会"),
        ("**bold**", r"\*\*bold\*\*"),
        ("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)"),
        (
            "![t](http://evil.example/t.png)",
            r"\!\[t\]\(http\:\/\/evil\.example\/t\.png\)".replace(r"\/", "/"),
        ),
        ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
        (":red[x]", r"\:red\[x\]"),
        ("$x$", r"\$x\$"),
        ("a\nb", "a b"),
        (None, ""),
    ],
)
def test_md_literal(raw: object, escaped: str) -> None:
    assert md_literal(raw) == escaped
