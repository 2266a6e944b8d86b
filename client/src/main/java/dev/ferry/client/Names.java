package dev.ferry.client;

import dev.ferry.validation.InputValidator;
import java.util.List;

/** Checks the names of a body's list fields one by one, so a refusal points at the element. */
public final class Names {
  private Names() {}

  /**
   * Checks each name of a list field.
   *
   * @param field the list's field; an element is refused as {@code field[i]}
   * @throws dev.ferry.validation.InvalidInputException for the first bad element
   */
  public static void requireEach(String field, String what, List<String> names) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      InputValidator.requireName(field + "[" + i + "]", what, names.get(i));
    }
  }
}
