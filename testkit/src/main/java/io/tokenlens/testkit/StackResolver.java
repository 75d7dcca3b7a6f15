package io.tokenlens.testkit;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the stack for the test JVM: environment variables naming running services, then
 * Testcontainers when a Docker daemon answers, then the local stack started by the kit itself.
 */
final class StackResolver {
  private static final Logger log = LoggerFactory.getLogger(StackResolver.class);

  private StackResolver() {}

  static StackSource resolve(Map<String, String> env) {
    StackSource source =
        EnvironmentStack.fromEnvironment(env)
            .orElseGet(
                () ->
                    ContainerStack.dockerAvailable(env)
                        ? ContainerStack.start()
                        : LocalStackSource.start(env));
    log.info("test stack: {}", source.endpoints());
    return source;
  }
}
