package dev.ferry.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailureTypeTest {
  private static final Set<FailureType> RETRYABLE =
      EnumSet.of(
          FailureType.HOST_UNREACHABLE,
          FailureType.HYPERVISOR_ERROR,
          FailureType.INJECTED_TRANSIENT,
          FailureType.NO_TRANSFER);

  @Test
  void doNotRetryListsExactlyTheNonRetryableTypes() {
    Set<String> expected =
        EnumSet.complementOf(EnumSet.copyOf(RETRYABLE)).stream()
            .map(Enum::name)
            .collect(Collectors.toSet());
    String[] names = FailureType.nonRetryableNames();

    assertEquals(expected, Set.of(names));
    assertEquals(expected.size(), names.length, "no duplicates");
  }

  @ParameterizedTest
  @EnumSource(FailureType.class)
  void retryableMatchesTheRetryPolicy(FailureType type) {
    assertEquals(RETRYABLE.contains(type), type.retryable());
    assertEquals(
        !type.retryable(), Arrays.asList(FailureType.nonRetryableNames()).contains(type.name()));
  }

  @ParameterizedTest
  @EnumSource(FailureType.class)
  void fromNameFindsEveryConstantByItsName(FailureType type) {
    assertSame(type, FailureType.fromName(type.name()));
  }

  @Test
  void fromNameReturnsNullForNamesThatAreNotOurs() {
    assertNull(FailureType.fromName("java.lang.IllegalStateException"));
    assertNull(FailureType.fromName("vm_not_found"));
    assertNull(FailureType.fromName(null));
  }

  @Test
  void anAuthenticationFailureIsNeverRetriedAndRefusesBeforeAnythingChanged() {
    assertFalse(FailureType.AUTH_FAILED.retryable());
    assertTrue(FailureType.AUTH_FAILED.refusal());
    assertTrue(Arrays.asList(FailureType.nonRetryableNames()).contains("AUTH_FAILED"));
  }

  @Test
  void refusalsAreNeverRetried() {
    for (FailureType type : FailureType.values()) {
      if (type.refusal()) {
        assertEquals(false, type.retryable(), type.name());
      }
    }
  }
}
