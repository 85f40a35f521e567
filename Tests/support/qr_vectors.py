#!/usr/bin/env python3
"""Known-answer vectors for FlowstaCore's QR code encoder (the TOTP enrolment's QR code, drawn
by the server as SVG), made by an independent implementation: segno (ISO/IEC 18004), byte mode,
error correction level M, versions 1-10. Each vector is checked first by decoding segno's symbol
with a second independent implementation, zxing-cpp, from a rendered image.

    {"input_hex", "version", "mask", "rows": ["1011...", ...]}   (dark = 1, no quiet zone)

"auto" vectors leave the mask to the encoder (the penalty rules of ISO/IEC 18004 §7.8.3);
"masked" vectors fix it, one per mask, to pin the masking apart from the choice.

One correction to segno: when the bit stream already ends on a codeword boundary after the
terminator (always so in byte mode), segno 1.6.6 still adds eight zero bits, a whole 0x00
codeword before the pad codewords. §7.4.10 adds padding bits only to reach the boundary; readers
accept both, but the vectors follow the standard, so the script patches that one step.

Regenerate (needs segno, zxing-cpp and pillow: scripts/test-venv's interpreter has them):
    "$(scripts/test-venv)" Tests/support/qr_vectors.py > Tests/FlowstaCoreTests/Vectors/qr-code-m.json
"""
import json
import sys

import segno
import segno.encoder
import zxingcpp
from PIL import Image


def write_padding_bits(buff, version, length):
    """ISO/IEC 18004 §7.4.10: zero bits up to the next codeword boundary, none when on one."""
    buff.extend([0] * ((8 - length % 8) % 8))


segno.encoder.write_padding_bits = write_padding_bits


def symbol(data, mask=None, version=None):
    return segno.make(data, error="m", boost_error=False, mode="byte", micro=False, mask=mask, version=version)


def rows(qr):
    return ["".join("1" if module else "0" for module in row) for row in qr.matrix]


def decodes_to(qr, data):
    """Renders the symbol (4-module quiet zone, 4 pixels a module) and decodes it with zxing-cpp."""
    matrix = qr.matrix
    size = len(matrix)
    scale, border = 4, 4
    side = (size + 2 * border) * scale
    image = Image.new("L", (side, side), 255)
    pixels = image.load()
    for y, row in enumerate(matrix):
        for x, module in enumerate(row):
            if module:
                for dy in range(scale):
                    for dx in range(scale):
                        pixels[(x + border) * scale + dx, (y + border) * scale + dy] = 0
    results = zxingcpp.read_barcodes(image)
    return len(results) == 1 and results[0].bytes == data


def vector(data, mask=None, version=None):
    qr = symbol(data, mask, version)
    if not decodes_to(qr, data):
        sys.exit(f"zxing-cpp does not read segno's symbol for {data!r}")
    return {"input_hex": data.hex(), "version": qr.version, "mask": qr.mask, "rows": rows(qr)}


def main():
    auto = []
    # Lengths that land on every version 1-10 at level M (byte capacity 14, 26, 42, 62, 84, 106,
    # 122, 152, 180, 213), at the edges and in between.
    lengths = [1, 14, 15, 26, 27, 42, 43, 62, 63, 84, 85, 106, 107, 122, 123, 152, 153, 180, 181, 213]
    for length in lengths:
        data = bytes((index * 37 + length) % 256 for index in range(length))
        auto.append(vector(data))
    for uri in [
        "otpauth://totp/Flowsta:alice?secret=JBSWY3DPEHPK3PXP&issuer=Flowsta",
        "otpauth://totp/Flowsta%20Auth:a_rather_long_username_01?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Flowsta%20Auth&algorithm=SHA1&digits=6&period=30",
        "HELLO WORLD",
    ]:
        auto.append(vector(uri.encode()))
    masked = [vector(b"otpauth://totp/Flowsta:bob?secret=KRSXG5CTMVRXEZLU&issuer=Flowsta", mask=mask) for mask in range(8)]
    versions = sorted({v["version"] for v in auto})
    if versions != list(range(1, 11)):
        sys.exit(f"the vectors do not cover versions 1-10: {versions}")
    json.dump({"source": f"segno {segno.__version__}, checked with zxing-cpp 3.1.1", "error_correction": "M",
               "auto": auto, "masked": masked}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
