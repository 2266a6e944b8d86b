package dev.ferry.options;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values wrong on their own are refused by the compact constructor, naming the bad value. */
class MigrationOptionsTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        bad("bandwidth 0", b -> b.bandwidthMiBps(0L), "bandwidth out of range: 0"),
        bad("bandwidth too high", b -> b.bandwidthMiBps(1_000_001L), "1000001"),
        bad("downtime 0", b -> b.maxDowntimeMs(0L), "max downtime out of range: 0"),
        bad("downtime too long", b -> b.maxDowntimeMs(600_001L), "600001"),
        bad("one parallel connection", b -> b.parallelConnections(1), "out of range: 1"),
        bad("256 parallel connections", b -> b.parallelConnections(256), "out of range: 256"),
        bad("destination name with a space", b -> b.destinationName("web 2"), "'web 2'"),
        bad("destination name with a slash", b -> b.destinationName("../etc"), "'../etc'"),
        bad("disk name with a slash", b -> b.disks(List.of("vd/a")), "'vd/a'"),
        bad("http migration URI", b -> b.migrationUri("http://host"), "'http://host'"),
        bad("URI with a shell quote", b -> b.migrationUri("tcp://h';rm"), "tcp://h';rm"));
  }

  private static Arguments bad(
      String name, UnaryOperator<MigrationOptions.Builder> set, String named) {
    return Arguments.of(name, set, named);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void refusesValueNamingIt(
      String name, UnaryOperator<MigrationOptions.Builder> set, String named) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> set.apply(MigrationOptions.builder()).build());
    assertTrue(e.getMessage().contains(named), name + ": " + e.getMessage());
  }

  static Stream<Arguments> boundaries() {
    return Stream.<UnaryOperator<MigrationOptions.Builder>>of(
            b -> b.bandwidthMiBps(1L),
            b -> b.bandwidthMiBps(1_000_000L),
            b -> b.maxDowntimeMs(1L),
            b -> b.maxDowntimeMs(600_000L),
            b -> b.parallelConnections(2),
            b -> b.parallelConnections(255),
            b -> b.destinationName("web-2.copy_1+x"),
            b -> b.migrationUri("tcp://[fd00::2]:49152"),
            b -> b.migrationUri("rdma://10.0.0.2"),
            b -> b.migrationUri("unix:///run/ferry/mig.sock"))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("boundaries")
  void acceptsValuesAtTheEdgesOfTheirRange(UnaryOperator<MigrationOptions.Builder> set) {
    assertDoesNotThrow(() -> set.apply(MigrationOptions.builder()).build());
  }
}
