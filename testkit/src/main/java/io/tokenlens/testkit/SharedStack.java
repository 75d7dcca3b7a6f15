package io.tokenlens.testkit;

/**
 * The one stack of a test JVM, found on first use by {@link StackResolver} and closed when the JVM
 * exits. {@link StackTest} classes get it through {@link StackScope}; code that is not a JUnit
 * extension point (a shared fixture, a helper) asks here.
 */
public final class SharedStack {
  private static StackSource source;

  private SharedStack() {}

  public static synchronized StackEndpoints endpoints() {
    if (source == null) {
      StackSource resolved = StackResolver.resolve(System.getenv());
      Runtime.getRuntime().addShutdownHook(new Thread(resolved::close, "tokenlens-stack-stop"));
      source = resolved;
    }
    return source.endpoints();
  }
}
