"""PNG/PDF through matplotlib, drawing into a user's Axes, saving and its errors."""

from __future__ import annotations

import struct

import pytest

import bodymap


@pytest.fixture(scope="module")
def diagram():
    return bodymap.render("iliopsoas", side="left")


def _png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_png_size_follows_dpi(diagram, tmp_path):
    out = diagram.save(tmp_path / "fig.png", dpi=100)
    w, h = _png_size(out)
    assert w == pytest.approx(diagram.scene.width / 25.4 * 100, abs=2)
    assert h == pytest.approx(diagram.scene.height / 25.4 * 100, abs=2)


def test_pdf_is_vector(diagram, tmp_path):
    out = diagram.save(tmp_path / "fig.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Subtype /Image" not in data  # no raster image inside


def test_plot_into_user_axes(diagram):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 6))
    ax = fig.add_subplot(1, 2, 1)
    assert diagram.plot(ax=ax) is ax
    assert ax.collections
    gids = {t.get_gid() for t in ax.texts}
    assert "label-groin-left" in gids and "caption-front" in gids


def test_svg_png_agree_on_page_size(diagram, tmp_path):
    fig = diagram.figure(dpi=72)
    w, h = fig.get_size_inches()
    assert w * 25.4 == pytest.approx(diagram.scene.width)
    assert h * 25.4 == pytest.approx(diagram.scene.height)


def test_repr_svg(diagram):
    assert diagram._repr_svg_().startswith("<svg")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("fig.txt", "fig.txt: unknown output format .txt; use .svg, .png or .pdf"),
        ("fig", "fig: unknown output format (none); use .svg, .png or .pdf"),
        ("missing/fig.svg", "missing/fig.svg: folder 'missing' does not exist"),
    ],
)
def test_save_errors(diagram, tmp_path, monkeypatch, name, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(bodymap.OutputError) as err:
        diagram.save(name)
    assert str(err.value) == message
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_nothing(diagram, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        import os

        if os.access(folder, os.W_OK):  # root ignores permissions: simulate a failing writer
            from bodymap.core.output import atomic_write

            def boom(fh):
                fh.write(b"partial")
                raise OSError(28, "No space left on device")

            with pytest.raises(bodymap.OutputError, match="No space left on device"):
                atomic_write(folder / "x.svg", boom)
        else:
            with pytest.raises(bodymap.OutputError, match="cannot write"):
                diagram.save(folder / "x.svg")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
