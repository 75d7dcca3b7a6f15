package io.tokenlens.testkit;

import io.tokenlens.localstack.ServiceSettings;
import io.tokenlens.localstack.StackSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Holds every default port of the local stack ({@code ./tokenlens up} and {@code ./tokenlens demo}:
 * Kafka, its controller, the schema registry, ClickHouse, ingest's HTTP and gRPC ports, the streams
 * health, sink metrics and notifier health ports) open on loopback for the whole unit-test run, so
 * a test that binds one of them fails here as it would beside a running stack, instead of only on
 * the machine where the stack is up. A port already taken (the stack is running) is left as it is:
 * taken either way; one freed during the run (that stack stopped) is taken here before the next
 * test class starts.
 *
 * <p>Registered as a JUnit launcher session listener and test execution listener in every module
 * that tests with the testkit; active only when the system property {@value #PROPERTY} is {@code
 * true}, which the parent's surefire configuration sets (not failsafe's: the integration tests need
 * the real stack on those ports).
 */
public final class StackPorts implements LauncherSessionListener, TestExecutionListener {
  /** The system property that turns the holding on. */
  public static final String PROPERTY = "tokenlens.test.hold.stack.ports";

  /**
   * The notifier's {@code /health} port ({@code notify.health.port} in the streams module, which
   * the testkit does not depend on; a streams test checks the two agree).
   */
  public static final int NOTIFIER_HEALTH_PORT = 9466;

  /** Shared by the two listener instances JUnit creates, one per service interface. */
  private static final Map<Integer, ServerSocket> HELD = new HashMap<>();

  /** The local stack's default ports, as {@code ./tokenlens} assigns them without overrides. */
  public static List<Integer> defaults() {
    StackSettings stack = StackSettings.fromEnvironment(Path.of("."), Map.of());
    ServiceSettings services = ServiceSettings.fromEnvironment(stack, Map.of());
    return List.of(
        stack.kafkaPort(),
        stack.kafkaControllerPort(),
        stack.schemaRegistryPort(),
        stack.clickhousePort(),
        services.ingestHttpPort(),
        services.ingestGrpcPort(),
        services.streamsHealthPort(),
        services.sinkMetricsPort(),
        NOTIFIER_HEALTH_PORT);
  }

  /** Whether nothing else can bind {@code port} on loopback now. */
  public static boolean taken(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    holdFreePorts();
  }

  @Override
  public void executionStarted(TestIdentifier test) {
    if (test.isContainer()) {
      holdFreePorts();
    }
  }

  /** Binds every default port nobody holds now: at the start, and again after a stack stopped. */
  private static void holdFreePorts() {
    if (!Boolean.getBoolean(PROPERTY)) {
      return;
    }
    synchronized (HELD) {
      for (int port : defaults()) {
        if (HELD.containsKey(port)) {
          continue;
        }
        try {
          ServerSocket socket = new ServerSocket();
          socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
          HELD.put(port, socket);
        } catch (BindException alreadyTaken) {
          // a running stack holds it: the condition this listener creates
        } catch (IOException e) {
          throw new IllegalStateException("cannot hold port " + port + ": " + e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    synchronized (HELD) {
      for (ServerSocket socket : HELD.values()) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing at the end of the run; nothing left to do
        }
      }
      HELD.clear();
    }
  }
}
