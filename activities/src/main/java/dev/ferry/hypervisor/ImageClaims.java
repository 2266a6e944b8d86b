package dev.ferry.hypervisor;

import dev.ferry.failure.FailureType;
import dev.ferry.failure.FerryException;

/**
 * The rules both drivers apply to a pre-created image before they keep, take over or delete it, so
 * that they cannot disagree: an image is deleted only for the migration whose mark it carries and
 * only while no guest on the host uses it; it is reused only if this migration or an earlier one of
 * the same guest made it and no guest uses it.
 */
public final class ImageClaims {
  private ImageClaims() {}

  /** Whose mark an image carries, seen from one migration. */
  public enum Mark {
    /** No owner mark: not made by ferry, or adopted by the guest running on it. */
    NONE,
    /** This migration's mark. */
    OURS,
    /** The mark of another migration of the same guest (a cleanup of it may still be pending). */
    SAME_GUEST,
    /** The mark of a migration of another guest. */
    OTHER
  }

  /** How the mark an image carries relates to this owner. */
  public static Mark relate(ImageOwner seen, ImageOwner owner) {
    if (seen == null) {
      return Mark.NONE;
    }
    if (seen.equals(owner)) {
      return Mark.OURS;
    }
    return seen.vmUuid().equalsIgnoreCase(owner.vmUuid()) ? Mark.SAME_GUEST : Mark.OTHER;
  }

  /**
   * Throws {@code NAME_CLASH} unless prepare may use the image already at the path: its size is the
   * one wanted, no guest uses it, and this migration or an earlier one of the same guest made it.
   *
   * @param usedBy the guest on the host whose disk the image is, or null
   */
  public static void requireReusable(
      String host, String path, long size, long wanted, Mark mark, String usedBy) {
    String why = null;
    if (size != wanted) {
      why = "it has " + size + " bytes, the guest's disk " + wanted;
    } else if (usedBy != null) {
      why = "guest '" + usedBy + "' uses it";
    } else if (mark == Mark.NONE) {
      why = "ferry did not create it";
    } else if (mark == Mark.OTHER) {
      why = "ferry created it for another guest";
    }
    if (why != null) {
      throw new FerryException(
          FailureType.NAME_CLASH,
          "host "
              + host
              + " already has an image at "
              + path
              + " ("
              + why
              + "): move or remove it, or migrate the guest elsewhere");
    }
  }

  /**
   * Why a cleanup keeps the image at the path, or null if it may delete it: it carries this
   * migration's mark and no guest uses it.
   */
  public static String whyKept(String host, String path, Mark mark, String usedBy) {
    if (usedBy != null) {
      return "kept " + path + " on " + host + ": guest '" + usedBy + "' uses it";
    }
    if (mark != Mark.OURS) {
      return "kept "
          + path
          + " on "
          + host
          + ": "
          + (mark == Mark.NONE
              ? "it carries no owner mark (not made by ferry, or adopted by its guest)"
              : "another migration owns it now");
    }
    return null;
  }
}
