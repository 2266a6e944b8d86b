package dev.ferry.hypervisor;

/**
 * One disk of a guest.
 *
 * @param target the guest-visible name, for example {@code vda}
 * @param path the image path on the host
 * @param format the image format
 * @param capacityBytes the virtual size
 */
public record DiskFacts(String target, String path, String format, long capacityBytes) {}
