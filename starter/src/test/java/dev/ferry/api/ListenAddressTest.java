package dev.ferry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.validation.InvalidInputException;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --listen} values, and the rule that only loopback may go without a token. */
class ListenAddressTest {
  @ParameterizedTest
  @CsvSource({"127.0.0.1:8420, 8420", "localhost:0, 0", "'[::1]:9000', 9000"})
  void loopbackNeedsNoToken(String listen, int port) {
    InetSocketAddress address = ApiServer.bindAddress(listen, false);

    assertTrue(address.getAddress().isLoopbackAddress());
    assertEquals(port, address.getPort());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0:8420", "[::]:8420", "192.0.2.10:8420"})
  void beyondLoopbackNeedsAToken(String listen) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ApiServer.bindAddress(listen, false));

    assertEquals("listen", e.field());
    assertTrue(e.getMessage().contains("without an API token"), e.getMessage());
    assertEquals(8420, ApiServer.bindAddress(listen, true).getPort());
  }

  @ParameterizedTest
  @ValueSource(strings = {"8420", ":8420", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:65536"})
  void refusesMalformedAddresses(String listen) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ApiServer.bindAddress(listen, true));

    assertTrue(e.getMessage().contains(listen), e.getMessage());
  }
}
