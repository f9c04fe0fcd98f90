"""Report templates: confined to their folder, and unable to allocate their way past the
limits."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cs_align.errors import CsAlignError
from cs_align.templating import render
from tests.security.conftest import VICTIM, Repo, Result

Cli = Callable[..., Result]


def test_an_include_cannot_follow_a_symlink_out_of_the_template_folder(
    repo: Repo, cli: Cli
) -> None:
    folder = repo.root / "templates"
    folder.mkdir()
    (folder / "leak.md").symlink_to(repo.victim())
    (folder / "report.md").write_text("{% include 'leak.md' %}\n")
    result = cli("report", "plans/acme.yaml", "-o", "r.md", "--template", "templates/report.md")
    assert result.code == 2 and "not found" in result.err and "symbolic links" in result.err
    assert not (repo.root / "r.md").exists()


def test_an_include_cannot_climb_out_with_dots(repo: Repo, cli: Cli) -> None:
    folder = repo.root / "templates"
    folder.mkdir()
    (folder / "report.md").write_text("{% include '../../outside/victim.txt' %}\n")
    result = cli("report", "plans/acme.yaml", "-o", "r.md", "--template", "templates/report.md")
    assert result.code == 2
    assert VICTIM not in result.out


BLOW_UPS = {
    "repeat": '{{ "x" * 3000000000 }}',
    "percent": '{{ "%0999999999d" % 1 }}',
    "center": '{{ "x"|center(2000000000) }}',
    "power": "{{ 7 ** 2000000000 }}",
    "format-spec": '{{ "{:>999999999}".format(1) }}',
    "format-filter": '{{ "%0999999999d"|format(1) }}',
    "ljust": '{{ "x".ljust(2000000000) }}',
    "indent": '{{ ("x\\n" * 100000)|indent(1000) }}',
    "wordwrap": '{{ ("x " * 400000)|wordwrap(1, wrapstring="y" * 100) }}',
    "replace": '{{ ("x" * 900000).replace("x", "xx") }}',
    "join": '{{ (["x" * 100000] * 100)|join }}',
    "list": "{{ ([1] * 1000000 * 1000)|length }}",
    "concat-doubling": (
        '{% set ns = namespace(x="x" * 10) %}{% for i in range(40) %}'
        "{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x|length }}"
    ),
    "plus-doubling": (
        '{% set ns = namespace(x="x" * 10) %}{% for i in range(40) %}'
        "{% set ns.x = ns.x + ns.x %}{% endfor %}{{ ns.x|length }}"
    ),
    "shared-list": (
        "{% set ns = namespace(a=[1]) %}{% for i in range(60) %}"
        "{% set ns.a = [ns.a, ns.a] %}{% endfor %}{{ ns.a|tojson }}"
    ),
    "big-int": (
        "{% set ns = namespace(x=7 ** 1000) %}{% for i in range(40) %}"
        "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x > 1 }}"
    ),
}


@pytest.mark.parametrize("name", BLOW_UPS)
def test_size_blow_ups_are_refused_before_they_allocate(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cs_align import templating

    # The size limit on its own, whatever the machine's load: the render's time limit must
    # not be what stops it, and the work is measured in CPU time, not on the clock.
    monkeypatch.setattr(templating, "MAX_SECONDS", 600)
    template = tmp_path / "report.md"
    template.write_text(BLOW_UPS[name])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    with pytest.raises(CsAlignError) as caught:
        render("md", {}, template)
    assert time.process_time() - start < 2
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 100
    assert "report.md:1:1: template error" in caught.value.render()
    assert "size limit" in caught.value.render()


def test_a_markup_format_still_escapes_its_arguments(tmp_path: Path) -> None:
    template = tmp_path / "report.html"
    template.write_text('{{ ("<b>{}</b>"|safe).format(evil) }}')
    assert render("html", {"evil": "<script>"}, template) == "<b>&lt;script&gt;</b>"


def test_an_endless_render_stops_at_the_time_limit(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cs_align import templating

    monkeypatch.setattr(templating, "MAX_SECONDS", 0.25)  # the mechanism, without the wait
    template = tmp_path / "report.md"
    template.write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    start = time.monotonic()
    with pytest.raises(CsAlignError, match=r"rendering took over 0\.25 s"):
        render("md", {}, template)
    assert time.monotonic() - start < 0.25 + 2  # the limit, and the same 2 s of slack


@pytest.mark.parametrize(
    ("raw", "where", "fragment"),
    [
        (b"ok\n\xff\xfe", "report.md:2:1:", "byte 0xff is not valid UTF-8"),
        (b"\xff\xfeo\x00k\x00", "report.md:1:1:", "the file is UTF-16 encoded"),
    ],
)
def test_a_template_not_in_utf8_is_named_with_its_line(
    repo: Repo, cli: Cli, raw: bytes, where: str, fragment: str
) -> None:
    """Not Python's codec text with "check the expression on this line" (review user45 U02)."""
    folder = repo.root / "templates"
    folder.mkdir()
    (folder / "report.md").write_bytes(raw)
    result = cli("report", "plans/acme.yaml", "-o", "r.md", "--template", "templates/report.md")
    assert result.code == 2, result.err
    assert where in result.err and fragment in result.err, result.err
    assert "codec" not in result.err and "Traceback" not in result.err


def test_a_number_too_long_to_show_is_said_in_the_template_s_terms(repo: Repo, cli: Cli) -> None:
    """Python's int-to-text limit, not its advice to call sys.set_int_max_str_digits
    (review user45 U03)."""
    folder = repo.root / "templates"
    folder.mkdir()
    (folder / "report.md").write_text("title\n{{ 10 ** 100000 }}\n")
    result = cli("report", "plans/acme.yaml", "-o", "r.md", "--template", "templates/report.md")
    assert result.code == 2, result.err
    assert "report.md:2:1: template error: a whole number of more than 4300 digits" in result.err
    assert "sys." not in result.err
