package dev.ferry.hypervisor;

import dev.ferry.plan.MigrationPlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The migration that pre-created an image on a destination, and the mark that says so. Drivers keep
 * the mark beside the image (the libvirt driver as an empty volume of the same pool named {@code
 * IMAGE.ferry-owner.UUID.TOKEN}, the simulated one in memory): an image without this owner's mark
 * was made by someone else, or by another migration, or has been adopted by the guest running on
 * it, and is never deleted for this owner.
 *
 * @param vmUuid the guest the image is for
 * @param migrationId the migration (workflow and run id) that created it
 */
public record ImageOwner(String vmUuid, String migrationId) {
  /** Separates an image's file name from its owner mark. */
  public static final String MARK_INFIX = ".ferry-owner.";

  public ImageOwner {
    if (vmUuid == null || vmUuid.isBlank() || migrationId == null || migrationId.isBlank()) {
      throw new IllegalArgumentException(
          "an image owner needs the guest's UUID and a migration id");
    }
  }

  /** The images this migration's prepare creates. */
  public static ImageOwner of(MigrationPlan plan) {
    return new ImageOwner(plan.vmUuid(), plan.migrationId());
  }

  /**
   * A short digest of the migration id: ids hold characters a file name cannot ({@code /}), and a
   * mark names its owner without spelling out workflow ids.
   */
  public String token() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(migrationId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The name of this owner's mark for an image file of the given name. */
  public String markName(String imageFileName) {
    return imageFileName + MARK_INFIX + vmUuid.toLowerCase(Locale.ROOT) + "." + token();
  }

  /** Whether a mark's name is a mark of that image by any migration of this same guest. */
  public boolean sameGuest(String imageFileName, String markName) {
    return markName.startsWith(imageFileName + MARK_INFIX + vmUuid.toLowerCase(Locale.ROOT) + ".");
  }

  /** Whether a volume name is an owner mark of that image at all. */
  public static boolean isMarkOf(String imageFileName, String volumeName) {
    return volumeName.startsWith(imageFileName + MARK_INFIX);
  }
}
