package io.tokenlens.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server bound to a loopback address, with a bounded pool of request threads (a full
 * queue makes the accepting thread run the request itself, which slows accepting down).
 */
public final class RegistryHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final String host;

  /** Binds the port; requests are answered once {@link #start()} is called. */
  public RegistryHttpServer(
      RegistryConfig config,
      RegistryService service,
      SchemaLog schemaLog,
      WriterRole role,
      String instanceId)
      throws IOException {
    Router router = new Router();
    new RootResource().register(router);
    new SubjectResource(service).register(router);
    new SchemaResource(service).register(router);
    new ConfigResource(service).register(router);
    new CompatibilityResource(service).register(router);

    this.host = config.host();
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 128);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            config.httpThreads(),
            config.httpThreads(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "schema-registry-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(executor);
    server.createContext("/", new RegistryHttpHandler(config, router, role, schemaLog, instanceId));
  }

  public void start() {
    server.start();
  }

  /** The bound port (the chosen one when the configured port was 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base address of the REST API. */
  public URI url() {
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + hostPart + ":" + port());
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
