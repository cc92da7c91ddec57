"""Compiled templates shared by the language builds of one site build (the theme's environments)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from actionplan.site.render import CompiledTemplates, make_environment


def _environment(folder: Path, cache: CompiledTemplates) -> tuple[Environment, list[str]]:
    env = Environment(loader=FileSystemLoader(folder), bytecode_cache=cache)
    compiled: list[str] = []
    compile_source = env.compile

    def counting_compile(source: object, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(str(name))
        return compile_source(source, name, *args, **kwargs)  # type: ignore[call-overload]

    env.compile = counting_compile  # type: ignore[method-assign]
    return env, compiled


def test_a_second_environment_reuses_the_compiled_template(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("Hallo {{ name }}", encoding="utf-8")
    cache = CompiledTemplates()
    first, first_compiled = _environment(tmp_path, cache)
    second, second_compiled = _environment(tmp_path, cache)
    assert first.get_template("page.html").render(name="de") == "Hallo de"
    assert second.get_template("page.html").render(name="ar") == "Hallo ar"
    assert (first_compiled, second_compiled) == (["page.html"], [])


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("Hallo {{ name }}", encoding="utf-8")
    cache = CompiledTemplates()
    first, _ = _environment(tmp_path, cache)
    assert first.get_template("page.html").render(name="de") == "Hallo de"
    page.write_text("Guten Tag {{ name }}", encoding="utf-8")
    second, second_compiled = _environment(tmp_path, cache)
    assert second.get_template("page.html").render(name="de") == "Guten Tag de"
    assert second_compiled == ["page.html"]


def test_the_cores_environment_takes_the_compiled_templates_of_an_earlier_build(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{{ name }}", encoding="utf-8")
    cache = CompiledTemplates()
    first, second = make_environment(tmp_path, cache), make_environment(tmp_path, cache)
    compiled: list[str] = []
    compile_source = second.compile
    second.compile = lambda source, name=None, *a, **k: (
        compiled.append(str(name)) or compile_source(source, name, *a, **k)
    )  # type: ignore[method-assign]
    assert first.get_template("page.html").render(name="<b>") == "&lt;b&gt;"  # still autoescaped
    assert second.get_template("page.html").render(name="<b>") == "&lt;b&gt;"
    assert compiled == []
