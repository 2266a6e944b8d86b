package dev.ferry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ferry.validation.InputValidator;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * JSON in and out. Bodies are strict: an unknown field is refused rather than ignored, so a typo in
 * an option cannot silently migrate with defaults. Every refusal names the field.
 */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          // Times (an evacuation's start, a window's end) as ISO-8601 strings, as the CLI prints.
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private Json() {}

  /** Parses a body that must be one JSON object. */
  static JsonNode parseObject(String body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, null, "the body is not JSON: " + firstLine(e));
    }
    if (node == null || !node.isObject()) {
      throw new ApiError(400, null, "the body must be one JSON object");
    }
    return node;
  }

  /** Binds a parsed object to a record, refusing unknown fields and values of the wrong type. */
  static <T> T bind(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ApiError(
          400,
          e.getPropertyName(),
          "unknown field "
              + InputValidator.shown(e.getPropertyName())
              + "; known fields: "
              + e.getKnownPropertyIds());
    } catch (InvalidFormatException e) {
      String field = field(e);
      String allowed =
          e.getTargetType().isEnum()
              ? "; one of "
                  + Arrays.stream(e.getTargetType().getEnumConstants())
                      .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                      .collect(Collectors.joining(", "))
              : "";
      throw new ApiError(
          400,
          field,
          "field '"
              + field
              + "' cannot be "
              + InputValidator.shown(String.valueOf(e.getValue()))
              + allowed);
    } catch (MismatchedInputException e) {
      String field = field(e);
      throw new ApiError(
          400,
          field,
          "field '" + field + "' must be a " + typeName(e.getTargetType()) + ": " + firstLine(e));
    } catch (JsonProcessingException e) {
      throw new ApiError(400, null, "the body does not fit: " + firstLine(e));
    }
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The path of the field at fault, as {@code disks[2]}. */
  private static String field(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "value of another type";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "list";
    }
    return type.isEnum() || type == String.class ? "string" : "value of another type";
  }

  /** Jackson's message without its location trailer, escaped like any echoed input. */
  private static String firstLine(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String line = message.lines().findFirst().orElse("");
    String shown = InputValidator.shown(line);
    return shown.substring(1, shown.lastIndexOf('\''));
  }
}
