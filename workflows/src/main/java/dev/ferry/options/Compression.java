package dev.ferry.options;

/** Compression of the memory stream. */
public enum Compression {
  /** Send pages as they are. */
  NONE,
  /** Send deltas of pages changed again; cheap, helps guests that rewrite the same pages. */
  XBZRLE,
  /** zlib per channel; needs parallel connections. */
  ZLIB,
  /** zstd per channel; needs parallel connections. */
  ZSTD;

  /** Whether this method only works over parallel (multifd) connections. */
  public boolean needsParallel() {
    return this == ZLIB || this == ZSTD;
  }
}
