package dev.ferry.cli;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A dev server and a worker over two lab hosts for one test class, as a JUnit extension: started
 * before the class, with the class's guests removed before it, after each test (they burn a CPU
 * each under emulation) and after the class.
 */
final class LabStack implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private final String name;
  private final String prefix;
  private FerryStack stack;

  /**
   * @param name names the processes' log files
   * @param prefix every guest of the class starts with it, and only those are removed
   */
  LabStack(String name, String prefix) {
    this.name = name;
    this.prefix = prefix;
  }

  /** The running stack; only valid inside the class's tests. */
  FerryStack stack() {
    return stack;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    stack = FerryStack.start(name, LabSupport.start());
    Lab.clean(prefix, "lab-1", "lab-2");
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Lab.clean(prefix, "lab-1", "lab-2");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (stack != null) {
      stack.close();
      Lab.clean(prefix, "lab-1", "lab-2");
    }
  }
}
