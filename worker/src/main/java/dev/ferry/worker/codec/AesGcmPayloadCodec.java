package dev.ferry.worker.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM before it leaves the process, so a shared Temporal
 * cluster stores no readable plan, host detail or outcome. The whole original payload (its metadata
 * included) is sealed; the key id travels in clear metadata so any key of the {@link
 * PayloadKeyring} can open it later. Payloads that are not encrypted (written before encryption was
 * switched on) pass through decoding unchanged.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {
  static final String ENCODING = "binary/encrypted";
  static final String CIPHER = "AES/GCM/NoPadding";
  static final String KEY_ID = "encryption-key-id";
  private static final String ENCODING_KEY = "encoding";
  private static final String CIPHER_KEY = "encryption-cipher";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final PayloadKeyring keyring;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(PayloadKeyring keyring) {
    this.keyring = keyring;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String keyId = keyring.primaryId();
    byte[] sealed =
        run(Cipher.ENCRYPT_MODE, keyring.primary(), nonce, keyId, payload.toByteArray());
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, utf8(ENCODING))
        .putMetadata(CIPHER_KEY, utf8(CIPHER))
        .putMetadata(KEY_ID, utf8(keyId))
        .setData(
            ByteString.copyFrom(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
        .build();
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get(ENCODING_KEY);
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return payload;
    }
    ByteString keyIdBytes = payload.getMetadataMap().get(KEY_ID);
    String keyId = keyIdBytes == null ? "" : keyIdBytes.toStringUtf8();
    SecretKey key =
        keyring
            .key(keyId)
            .orElseThrow(
                () ->
                    new PayloadCodecException(
                        "payload encrypted with key '"
                            + keyId
                            + "', which the payload key file does not hold: keep old keys"
                            + " after rotating"));
    byte[] data = payload.getData().toByteArray();
    if (data.length <= NONCE_BYTES) {
      throw new PayloadCodecException("encrypted payload too short to hold a nonce");
    }
    byte[] nonce = java.util.Arrays.copyOfRange(data, 0, NONCE_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(data, NONCE_BYTES, data.length);
    try {
      return Payload.parseFrom(run(Cipher.DECRYPT_MODE, key, nonce, keyId, sealed));
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("decrypted payload is not a payload", e);
    }
  }

  /** Seals or opens; the key id is authenticated too, so it cannot be swapped unnoticed. */
  private static byte[] run(int mode, SecretKey key, byte[] nonce, String keyId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          mode == Cipher.DECRYPT_MODE
              ? "payload does not decrypt with key '" + keyId + "': wrong key or altered data"
              : "cannot encrypt payload: " + e.getMessage(),
          e);
    }
  }

  private static ByteString utf8(String value) {
    return ByteString.copyFromUtf8(value);
  }
}
