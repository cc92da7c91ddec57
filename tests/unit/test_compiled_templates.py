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


def test_the_theme_is_listed_once_per_build_whatever_the_order_of_its_folders(tmp_path: Path) -> None:
    from actionplan.site.render import ListedOnce

    theme, extra = tmp_path / "theme", tmp_path / "extra"
    (theme / "assets").mkdir(parents=True)
    extra.mkdir()
    (theme / "assets" / "a.css").write_text("a", encoding="utf-8")
    (extra / "sitemap.xml").write_text("s", encoding="utf-8")
    ListedOnce.forget()
    first = ListedOnce([extra, theme]).list_templates()
    (theme / "assets" / "b.css").write_text("b", encoding="utf-8")  # unseen until the next build

    assert first == ["assets/a.css", "sitemap.xml"]
    assert FileSystemLoader([extra, theme]).list_templates() == ["assets/a.css", "assets/b.css", "sitemap.xml"]
    assert ListedOnce([extra, extra, theme]).list_templates() == first  # static-i18n adds its folder again
    ListedOnce.forget()
    assert ListedOnce([theme, extra]).list_templates() == ["assets/a.css", "assets/b.css", "sitemap.xml"]


def test_with_a_folder_the_next_run_reads_the_compiled_template_and_a_changed_one_is_compiled_again(
    tmp_path: Path,
) -> None:
    templates, kept = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    page = templates / "page.html"
    page.write_text("Hallo {{ name }}", encoding="utf-8")
    first, first_compiled = _environment(templates, CompiledTemplates(kept))
    assert first.get_template("page.html").render(name="de") == "Hallo de"

    next_run, next_compiled = _environment(templates, CompiledTemplates(kept))  # a new process: memory empty
    rendered = next_run.get_template("page.html").render(name="ar")
    page.write_text("Guten Tag {{ name }}", encoding="utf-8")
    changed, changed_compiled = _environment(templates, CompiledTemplates(kept))

    assert rendered == "Hallo ar"
    assert changed.get_template("page.html").render(name="uk") == "Guten Tag uk"
    assert (first_compiled, next_compiled, changed_compiled) == (["page.html"], [], ["page.html"])
    assert [path.suffix for path in kept.iterdir()] == [".jinja"]  # one file per template, replaced


def test_a_broken_file_in_the_folder_is_compiled_over(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("Hallo {{ name }}", encoding="utf-8")
    kept = tmp_path / "cache"
    first, _ = _environment(tmp_path, CompiledTemplates(kept))
    first.get_template("page.html")
    for path in kept.iterdir():
        path.write_bytes(b"kaputt")

    again, compiled = _environment(tmp_path, CompiledTemplates(kept))

    assert again.get_template("page.html").render(name="fa") == "Hallo fa"
    assert compiled == ["page.html"]
