package dev.ferry.config;

/** The inventory cannot be read or makes no sense; the message names the file and the field. */
public class InventoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InventoryException(String message) {
    super(message);
  }

  public InventoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
