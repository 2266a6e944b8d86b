package dev.ferry.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plans in histories written before ferry read backing files still read, with none. */
class DiskPlanPayloadTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  @Test
  void aPlanWrittenWithoutTheBackingFieldReadsAsNoBackingFile() {
    Payload old =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(
                ByteString.copyFrom(
                    "{\"target\":\"vda\",\"path\":\"/img/a.qcow2\",\"format\":\"qcow2\","
                        + "\"capacityBytes\":64,\"shared\":false,\"copy\":true}",
                    StandardCharsets.UTF_8))
            .build();

    DiskPlan disk = CONVERTER.fromPayload(old, DiskPlan.class, DiskPlan.class);

    assertEquals(new DiskPlan("vda", "/img/a.qcow2", "qcow2", 64, false, true), disk);
    assertNull(disk.backing());
  }

  @Test
  void theBackingFileSurvivesARoundTrip() {
    DiskPlan disk =
        new DiskPlan(
            "vda", "/img/a.qcow2", "qcow2", 64, false, true, new BackingStore("/b.qcow2", "qcow2"));

    assertEquals(
        disk,
        CONVERTER.fromPayload(
            CONVERTER.toPayload(disk).orElseThrow(), DiskPlan.class, DiskPlan.class));
  }
}
