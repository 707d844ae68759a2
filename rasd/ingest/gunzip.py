"""Bounded gzip decompression: a stream that refuses to inflate a bomb.

A 1 MB gzip file of zeros inflates to 1 GB; read whole (or as one WARC header line) it exhausts memory.
``BoundedGunzip`` inflates lazily, member after member (a ``.warc.gz`` is one member per record), and raises
``TooLargeError`` naming the input as soon as the output passes an absolute cap or, once past a small
allowance, grows more than ``max_ratio`` times the compressed bytes read — long before memory is at risk.

Example: ``BoundedGunzip(open("x.warc.gz", "rb"), "x.warc.gz", max_bytes=2**30, max_ratio=100).read(10)``.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from rasd.errors import IngestError, TooLargeError

GZIP_MAGIC = b"\x1f\x8b"
#: Output allowed before the ratio is judged: small files compress unevenly (a short run of spaces).
_RATIO_ALLOWANCE = 8 * 1024 * 1024
_CHUNK = 64 * 1024


class BoundedGunzip(io.RawIOBase):
    """A readable, decompressed view of a gzip stream with bounded output (see the module docstring)."""

    def __init__(self, raw: BinaryIO, source: str, *, max_bytes: int, max_ratio: float) -> None:
        self.raw, self.source = raw, source
        self.max_bytes, self.max_ratio = max_bytes, max_ratio
        self.bytes_in = self.bytes_out = 0
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def _read_raw(self) -> bytes:
        data = self.raw.read(_CHUNK)
        self.bytes_in += len(data)
        return data

    def _inflate(self) -> None:
        """Inflate at least one more chunk into ``_pending`` (or reach the end of the last member)."""
        while not self._pending and not self._eof:
            if self._z.unconsumed_tail:
                data = self._z.unconsumed_tail
            elif self._z.eof:
                data = self._z.unused_data or self._read_raw()
                if not data:
                    self._eof = True
                    return
                self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)  # the next member
            else:
                data = self._read_raw()
                if not data:
                    raise IngestError("truncated gzip stream", source=self.source, code="bad-gzip")
            try:
                out = self._z.decompress(data, _CHUNK)
            except zlib.error as e:
                raise IngestError(
                    f"not a readable gzip stream: {e}", source=self.source, code="bad-gzip"
                ) from e
            self.bytes_out += len(out)
            self._check()
            self._pending = out

    def _check(self) -> None:
        if self.bytes_out > self.max_bytes:
            raise TooLargeError(
                f"decompresses to over {self.max_bytes:,} bytes (max_decompressed_bytes)", source=self.source
            )
        if self.bytes_out > _RATIO_ALLOWANCE and self.bytes_out > self.max_ratio * max(self.bytes_in, 1):
            raise TooLargeError(
                f"decompression bomb: {self.bytes_in:,} compressed bytes inflate to over {self.bytes_out:,} "
                f"(ratio over {self.max_ratio:g}, max_decompression_ratio)",
                source=self.source,
            )

    def readinto(self, buffer) -> int:  # type: ignore[override]
        self._inflate()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def open_bounded(raw: BinaryIO, source: str, *, max_bytes: int, max_ratio: float) -> io.BufferedReader:
    """A buffered reader over ``BoundedGunzip`` (``readline`` and ``read(n)`` as on a file)."""
    return io.BufferedReader(BoundedGunzip(raw, source, max_bytes=max_bytes, max_ratio=max_ratio), _CHUNK)
