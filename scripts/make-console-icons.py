"""Draws the console's app icons (web/public/icons/*.png): a white house on Homeward's blue.

The symbol stays inside the central 80% circle, so one drawing is also the maskable icon.
Plain Python (zlib), 4x4 supersampling for smooth edges. Run: python3 scripts/make-console-icons.py
"""
import struct
import zlib
from pathlib import Path

BLUE = (0x12, 0x35, 0x5B)
WHITE = (0xFF, 0xFF, 0xFF)
DOOR = (0xF2, 0xA9, 0x00)
OUT = Path(__file__).resolve().parent.parent / "web" / "public" / "icons"


def colour_at(x: float, y: float):
    """The colour of the point (x, y) in the unit square."""
    in_roof = 0.18 <= y <= 0.50 and abs(x - 0.5) <= (y - 0.18) / 0.32 * 0.32
    in_body = 0.27 <= x <= 0.73 and 0.48 <= y <= 0.80
    in_door = 0.44 <= x <= 0.56 and 0.60 <= y <= 0.80
    if in_door:
        return DOOR
    if in_roof or in_body:
        return WHITE
    return BLUE


def png(size: int) -> bytes:
    samples = 4
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            total = [0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = colour_at((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    total = [t + v for t, v in zip(total, c)]
            row.extend(round(t / samples**2) for t in total)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (180, 192, 512):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
        print(f"wrote {OUT / f'icon-{size}.png'}")
