package dev.ferry.hypervisor;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The probe the capability check writes beside a disk's image on the source and looks for on the
 * destination: found there, the directory is one storage both hosts see, and the disk is not
 * copied. Its name is random, so that a check running at the same time for another guest never
 * reads this one's probe, and starts with a dot and ferry's name, so that an operator listing the
 * directory sees what it is (a worker killed between writing and deleting it leaves an empty file
 * behind).
 */
public final class SharedProbe {
  /** Every probe's file name starts with this. */
  public static final String PREFIX = ".ferry-shared-probe-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private SharedProbe() {}

  /** A fresh probe path in the directory of the image at this path. */
  public static String beside(String imagePath) {
    byte[] token = new byte[8];
    RANDOM.nextBytes(token);
    String directory = directory(imagePath);
    return (directory.endsWith("/") ? directory : directory + "/")
        + PREFIX
        + HexFormat.of().formatHex(token);
  }

  /** Whether the path names a probe: nothing else may be deleted as one. */
  public static boolean isProbe(String path) {
    Path file = Path.of(path).normalize().getFileName();
    return file != null
        && file.toString().startsWith(PREFIX)
        && file.toString().length() > PREFIX.length();
  }

  /** The directory that holds the file at this path ({@code /} for a file at the root). */
  public static String directory(String path) {
    Path parent = Path.of(path).normalize().getParent();
    return parent == null ? "/" : parent.toString();
  }
}
