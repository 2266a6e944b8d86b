package dev.ferry.api;

import dev.ferry.validation.InvalidInputException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code --listen ADDR:PORT}; IPv6 addresses go in brackets ({@code [::1]:8420}). */
public final class ListenAddress {
  private ListenAddress() {}

  /**
   * The socket address of {@code ADDR:PORT}.
   *
   * @throws InvalidInputException naming the value and what is wrong with it
   */
  public static InetSocketAddress parse(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw refusal(value, "it is not ADDR:PORT");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw refusal(value, "the port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw refusal(
          value, "port out of range: " + port + " (allowed 0..65535, 0 picks a free one)");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw refusal(value, "the address does not resolve");
    }
  }

  private static InvalidInputException refusal(String value, String problem) {
    return new InvalidInputException(
        "listen",
        "--listen "
            + dev.ferry.validation.InputValidator.shown(value)
            + " is not valid: "
            + problem);
  }
}
