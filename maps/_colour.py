"""Colour science for palettes: sRGB → CIELAB, CIEDE2000 and colour-vision-deficiency simulation."""

from __future__ import annotations

import enum
import re

import numpy as np

#: sRGB (D65) linear RGB → CIE XYZ, IEC 61966-2-1.
_RGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)

#: Reference white D65 (Y = 1), the white of sRGB.
_WHITE_D65 = _RGB_TO_XYZ.sum(axis=1)

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


class Deficiency(enum.StrEnum):
    """The three dichromacies simulated (full severity)."""

    PROTANOPIA = "protanopia"
    DEUTERANOPIA = "deuteranopia"
    TRITANOPIA = "tritanopia"


#: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for
#: simulation of color vision deficiency", IEEE TVCG 15(6), table of matrices at
#: severity 1.0; they act on linear RGB. Each row sums to 1, so greys stay grey.
_MACHADO_2009: dict[Deficiency, np.ndarray] = {
    Deficiency.PROTANOPIA: np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    Deficiency.DEUTERANOPIA: np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    Deficiency.TRITANOPIA: np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}


def hex_to_rgb(colours: list[str] | tuple[str, ...]) -> np.ndarray:
    """``#rrggbb`` strings → an ``(n, 3)`` array of sRGB values in ``[0, 1]``.

    Raises
    ------
    ValueError
        A colour is not written ``#rrggbb``.
    """
    bad = [colour for colour in colours if not _HEX.fullmatch(colour)]
    if bad:
        raise ValueError(f"colours must be written #rrggbb, not {bad}")
    values = [[int(colour[i : i + 2], 16) for i in (1, 3, 5)] for colour in colours]
    return np.asarray(values, dtype=float).reshape(-1, 3) / 255.0


def rgb_to_hex(rgb: np.ndarray) -> list[str]:
    """An ``(n, 3)`` array of sRGB values in ``[0, 1]`` → ``#rrggbb`` strings (clipped)."""
    codes = np.rint(np.clip(np.asarray(rgb, dtype=float), 0.0, 1.0) * 255).astype(int)
    return [f"#{r:02x}{g:02x}{b:02x}" for r, g, b in codes.reshape(-1, 3)]


def srgb_to_linear(rgb: np.ndarray) -> np.ndarray:
    """Undo the sRGB transfer curve (IEC 61966-2-1)."""
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(linear: np.ndarray) -> np.ndarray:
    """Apply the sRGB transfer curve to linear RGB values (clipped to ``[0, 1]``)."""
    linear = np.clip(np.asarray(linear, dtype=float), 0.0, 1.0)
    return np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB values in ``[0, 1]`` (``(n, 3)``) → CIELAB ``L*, a*, b*`` under D65."""
    xyz = srgb_to_linear(rgb) @ _RGB_TO_XYZ.T / _WHITE_D65
    epsilon, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > epsilon, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
        axis=-1,
    )


def simulate(rgb: np.ndarray, deficiency: Deficiency | str) -> np.ndarray:
    """How sRGB colours look to a dichromat (Machado et al. 2009, severity 1).

    Parameters
    ----------
    rgb
        ``(n, 3)`` sRGB values in ``[0, 1]``.
    deficiency
        ``"protanopia"``, ``"deuteranopia"`` or ``"tritanopia"``.

    Returns
    -------
    numpy.ndarray
        The simulated sRGB values, clipped to the gamut.
    """
    matrix = _MACHADO_2009[Deficiency(deficiency)]
    return linear_to_srgb(srgb_to_linear(rgb) @ matrix.T)


def delta_e_2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference between CIELAB colours (broadcasting, kL = kC = kH = 1).

    Follows Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula:
    implementation notes, supplementary test data, and mathematical observations".
    """
    lab1, lab2 = np.asarray(lab1, dtype=float), np.asarray(lab2, dtype=float)
    l1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    l2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    chroma_zero = (c1p * c2p) == 0
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(chroma_zero, 0.0, dh)
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = np.where(
        np.abs(h1p - h2p) <= 180, h_sum / 2, np.where(h_sum < 360, h_sum / 2 + 180, h_sum / 2 - 180)
    )
    h_mean = np.where(chroma_zero, h_sum, h_mean)
    t = (
        1
        - 0.17 * np.cos(np.radians(h_mean - 30))
        + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6))
        - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    rotation = -np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2)))) * (
        2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
    )
    distance: np.ndarray = np.sqrt(
        (d_l / s_l) ** 2
        + (d_c / s_c) ** 2
        + (d_h / s_h) ** 2
        + rotation * (d_c / s_c) * (d_h / s_h)
    )
    return distance


def pairwise_delta_e(
    colours: list[str] | tuple[str, ...], *, deficiency: str | None = None
) -> np.ndarray:
    """CIEDE2000 between every two colours, as seen normally or by a dichromat.

    Parameters
    ----------
    colours
        ``#rrggbb`` strings.
    deficiency
        ``None`` for normal vision, else a :class:`Deficiency` value.

    Returns
    -------
    numpy.ndarray
        Symmetric ``(n, n)`` matrix, zero on the diagonal.
    """
    rgb = hex_to_rgb(colours)
    if deficiency is not None:
        rgb = simulate(rgb, deficiency)
    lab = srgb_to_lab(rgb)
    return delta_e_2000(lab[:, None, :], lab[None, :, :])
