package io.tokenlens.testkit;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link StackTest}: the JVM's {@link SharedStack}, one {@link StackScope} per
 * test class.
 */
public final class StackExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    scope(context).createDatabase();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if ("false".equalsIgnoreCase(System.getenv("TOKENLENS_TEST_CLEANUP"))) {
      return; // keep topics and databases for inspection
    }
    scope(context).dropDatabaseAndTopics();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StackScope.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return scope(context);
  }

  private static StackScope scope(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            testClass,
            k -> new StackScope(SharedStack.endpoints(), scopeName(testClass)),
            StackScope.class);
  }

  static String scopeName(Class<?> testClass) {
    String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return "t_" + simple + "_" + UUID.randomUUID().toString().substring(0, 8);
  }
}
