package dev.ferry.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import dev.ferry.config.HostAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.jna.virConnectCredential;

/**
 * The credential answers are written the way libvirt reads and frees them: into each native {@code
 * virConnectCredential} of the array, in memory from C's malloc (freed here with free, as libvirt
 * does; memory JNA owned would fail that).
 */
class SaslAuthTest {
  private static final int P = Native.POINTER_SIZE;
  private static final int SIZE = 6 * P;

  @Test
  void answersUserNameAndPasswordIntoMallocedResults(@TempDir Path dir) throws IOException {
    Path passwordFile = dir.resolve("lab.pass");
    Files.writeString(passwordFile, "s3cret\n", StandardCharsets.UTF_8);
    Memory array = new Memory(2L * SIZE);
    array.clear();
    array.setInt(0, 2); // VIR_CRED_AUTHNAME
    array.setInt(SIZE, 5); // VIR_CRED_PASSPHRASE
    virConnectCredential first = Structure.newInstance(virConnectCredential.class, array);
    first.read();

    int result =
        new SaslAuth(new HostAuth("ferry", passwordFile.toString(), null))
            .authCallback(first, 2, null);

    assertEquals(0, result);
    assertEquals("ferry", answer(array, 0));
    assertEquals("s3cret", answer(array, 1));
    assertEquals(6, array.getInt(SIZE + 5L * P), "resultlen of the password");
    Native.free(Pointer.nativeValue(array.getPointer(4L * P)));
    Native.free(Pointer.nativeValue(array.getPointer(SIZE + 4L * P)));
  }

  @Test
  void refusesWhenThereIsNoPasswordToGive() {
    Memory array = new Memory(SIZE);
    array.clear();
    array.setInt(0, 5);
    virConnectCredential first = Structure.newInstance(virConnectCredential.class, array);
    first.read();

    SaslAuth auth = new SaslAuth(new HostAuth("ferry", null, null));
    int result = auth.authCallback(first, 1, null);

    assertEquals(-1, result);
    assertNull(array.getPointer(4L * P), "no answer written");
    assertEquals("the inventory's auth names no password file or variable", auth.problem());
  }

  @Test
  void saysWhyItGaveNoPasswordWithoutNamingTheFile(@TempDir Path dir) {
    String missing = dir.resolve("gone.pass").toString();
    Memory array = new Memory(SIZE);
    array.clear();
    array.setInt(0, 5);
    virConnectCredential first = Structure.newInstance(virConnectCredential.class, array);
    first.read();
    SaslAuth auth = new SaslAuth(new HostAuth("ferry", missing, null));

    assertEquals(-1, auth.authCallback(first, 1, null));
    assertEquals("the password file cannot be read: NoSuchFileException", auth.problem());
  }

  @Test
  void hasNoProblemAfterAnsweringEveryPrompt(@TempDir Path dir) throws IOException {
    Path passwordFile = dir.resolve("lab.pass");
    Files.writeString(passwordFile, "s3cret\n", StandardCharsets.UTF_8);
    Memory array = new Memory(SIZE);
    array.clear();
    array.setInt(0, 5);
    virConnectCredential first = Structure.newInstance(virConnectCredential.class, array);
    first.read();
    SaslAuth auth = new SaslAuth(new HostAuth("ferry", passwordFile.toString(), null));

    assertEquals(0, auth.authCallback(first, 1, null));
    assertNull(auth.problem());
    Native.free(Pointer.nativeValue(array.getPointer(4L * P)));
  }

  private static String answer(Memory array, int index) {
    return array.getPointer((long) index * SIZE + 4L * P).getString(0, "UTF-8");
  }
}
