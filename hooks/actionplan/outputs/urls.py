"""The list of every URL a build publishes: what a later version must still answer."""

from __future__ import annotations

from pathlib import Path

URL_LIST = "urls.txt"
_NOT_ADDRESSES = ("assets/", "pagefind/", "search/")  # theme files and search fragments change freely


def site_urls(site_dir: Path) -> list[str]:
    """Every page and download of a built site from its root ("/en/massnahmen/wq-03/"); pages as directories."""
    urls = []
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(_NOT_ADDRESSES) or relative in (URL_LIST, "404.html") or relative.endswith(".gz"):
            continue
        urls.append("/" + relative.removesuffix("index.html"))
    return sorted(urls)


def write_url_list(site_dir: Path) -> None:
    (site_dir / URL_LIST).write_text("".join(url + "\n" for url in site_urls(site_dir)), encoding="utf-8")


def missing_urls(urls: list[str] | tuple[str, ...], site_dir: Path) -> list[str]:
    """The URLs of an earlier version that this built site does not answer."""
    missing = []
    for url in urls:
        target = site_dir / url.lstrip("/")
        if not (target.is_file() or (url.endswith("/") and (target / "index.html").is_file())):
            missing.append(url)
    return missing
