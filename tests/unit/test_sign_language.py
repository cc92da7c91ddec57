"""Sign-language videos from data: self-hosted files, captions in WebVTT, nothing loaded before play."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.build import prepare_build
from actionplan.plan.errors import PlanErrors

from .helpers import LANGUAGES, project_at

VIDEOS = """- id: startseite
  title: {de: Was auf dieser Website steht, en: What this website is about}
  video: videos/dgs-start.mp4
  captions: videos/dgs-start.de.vtt
"""


def project(make_data: Callable[..., Path], tmp_path: Path, captions: str | None = "WEBVTT\n\n") -> Path:
    data = make_data()
    (data / "sign_language.yml").write_text(VIDEOS, encoding="utf-8")
    docs = data.parent / "docs"
    (docs / "videos").mkdir(parents=True)
    (docs / "handlungskonzept").mkdir()
    (docs / "handlungskonzept" / "index.md").write_text("# Plan\n", encoding="utf-8")
    (docs / "gebaerdensprache.md").write_text("# DGS\n\n<!-- plan:sign-language -->\n", encoding="utf-8")
    (docs / "videos" / "dgs-start.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    if captions is not None:
        (docs / "videos" / "dgs-start.de.vtt").write_text(captions, encoding="utf-8")
    return data.parent


def build(root: Path, lang: str = "de"):  # type: ignore[no-untyped-def]
    return prepare_build(project_at(root, LANGUAGES), lang=lang)


def test_video_with_captions_and_no_preload(make_data: Callable[..., Path], tmp_path: Path) -> None:
    html = build(project(make_data, tmp_path), "en").render_content(
        "<!-- plan:sign-language -->", "en/gebaerdensprache/", shown_in_german=True, german_only=True
    )

    assert '<video controls preload="none" width="640">' in html
    assert '<source src="../../videos/dgs-start.mp4" type="video/mp4">' in html
    assert '<track kind="captions" srclang="de" label="Deutsch" src="../../videos/dgs-start.de.vtt" default>' in html
    assert "<figcaption>What this website is about</figcaption>" in html
    assert "This page is in German only" in html


@pytest.mark.parametrize(
    ("captions", "message"),
    [
        (None, "data/sign_language.yml:4:13: [0].captions: die Datei docs/videos/dgs-start.de.vtt gibt es nicht"),
        (
            "1\n00:00.000 --> 00:02.000\nHallo\n",
            "data/sign_language.yml:4:13: [0].captions: docs/videos/dgs-start.de.vtt ist keine WebVTT-Datei "
            "(sie beginnt nicht mit „WEBVTT“)",
        ),
    ],
)
def test_missing_or_wrong_captions(
    make_data: Callable[..., Path], tmp_path: Path, captions: str | None, message: str
) -> None:
    with pytest.raises(PlanErrors) as caught:
        build(project(make_data, tmp_path, captions))

    assert [str(e) for e in caught.value.errors] == [message]
