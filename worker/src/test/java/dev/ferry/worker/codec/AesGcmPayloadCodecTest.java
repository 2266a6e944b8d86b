package dev.ferry.worker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payloads are sealed with the first key and open with any key of the ring. */
class AesGcmPayloadCodecTest {
  private static final Payload PLAN =
      Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(ByteString.copyFromUtf8("{\"disk\":\"/var/lib/libvirt/images/db.qcow2\"}"))
          .build();

  @TempDir Path dir;

  private AesGcmPayloadCodec codec(String... lines) throws Exception {
    return new AesGcmPayloadCodec(
        PayloadKeyring.load(Keys.file(dir, "keys-" + lines.length + lines[0].hashCode(), lines)));
  }

  @Test
  void sealsTheWholePayloadAndOpensItAgain() throws Exception {
    AesGcmPayloadCodec codec = codec("k1 " + Keys.fresh());

    Payload sealed = codec.encode(List.of(PLAN)).get(0);

    assertFalse(sealed.toByteString().toString(StandardCharsets.ISO_8859_1).contains("libvirt"));
    assertFalse(sealed.toByteString().toString(StandardCharsets.ISO_8859_1).contains("json/plain"));
    assertEquals("k1", sealed.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8());
    assertEquals(PLAN, codec.decode(List.of(sealed)).get(0));
  }

  @Test
  void sealsTheSamePayloadDifferentlyEachTime() throws Exception {
    AesGcmPayloadCodec codec = codec("k1 " + Keys.fresh());

    assertNotEquals(codec.encode(List.of(PLAN)).get(0), codec.encode(List.of(PLAN)).get(0));
  }

  @Test
  void oldKeysStillOpenAfterRotation() throws Exception {
    String oldKey = Keys.fresh();
    Payload sealedBefore = codec("2026-05 " + oldKey).encode(List.of(PLAN)).get(0);
    AesGcmPayloadCodec rotated = codec("2026-11 " + Keys.fresh(), "2026-05 " + oldKey);

    Payload sealedAfter = rotated.encode(List.of(PLAN)).get(0);

    assertEquals(PLAN, rotated.decode(List.of(sealedBefore)).get(0));
    assertEquals(
        "2026-11", sealedAfter.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8());
  }

  @Test
  void aDroppedKeyIsNamedWhenItsPayloadsAreRead() throws Exception {
    Payload sealed = codec("2026-05 " + Keys.fresh()).encode(List.of(PLAN)).get(0);
    AesGcmPayloadCodec withoutIt = codec("2026-11 " + Keys.fresh());

    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> withoutIt.decode(List.of(sealed)));

    assertTrue(e.getMessage().contains("'2026-05'"), e.getMessage());
  }

  @Test
  void refusesAlteredDataAndASwappedKeyId() throws Exception {
    String key = Keys.fresh();
    AesGcmPayloadCodec codec = codec("a " + key, "b " + key);
    Payload sealed = codec.encode(List.of(PLAN)).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload altered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    Payload relabelled =
        sealed.toBuilder()
            .putMetadata(AesGcmPayloadCodec.KEY_ID, ByteString.copyFromUtf8("b"))
            .build();

    assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(altered)));
    assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(relabelled)));
  }

  @Test
  void payloadsWrittenBeforeEncryptionPassThrough() throws Exception {
    assertEquals(PLAN, codec("k1 " + Keys.fresh()).decode(List.of(PLAN)).get(0));
  }
}
