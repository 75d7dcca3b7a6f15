package io.tokenlens.demo;

import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The waste every phase of a chaos run carries beside its steady traffic: the same script in every
 * phase under the phase's own ids, so that what the detectors and the PR attribution make of a
 * fault phase's script can be held against the clean phase's ({@link FindingsCheck}).
 *
 * <ol>
 *   <li>A looping agent: {@link #LOOP_REPEATS} requests of one session and prompt with the same
 *       shape, a second apart, in one export (LOOPING_AGENT, subject {@code <session>:-}).
 *   <li>A pull request on its own branch of {@code chaos/findings-<run>} (number: the phase's
 *       position, 1 for the clean phase) opened; once it is in {@code pull_requests}, {@link
 *       #PR_REQUESTS} requests on its branch; once {@code pr_attribution} counts them, the pull
 *       request closed unmerged (its final attribution, and ABANDONED_SPEND).
 * </ol>
 *
 * <p>Each step is sent as the steady traffic is (retried until accepted, in the phase's ledger
 * row); each wait on ClickHouse gives up after {@link #STEP_WAIT} and the script goes on, so a
 * fault that loses a step shows as a difference rather than a stalled run. Session ids are {@code
 * chaos-<run>-<fault>-loop} and {@code chaos-<run>-<fault>-pr}, so the script's events belong to
 * the phase's ids in the ledger.
 */
final class WasteScript implements AutoCloseable {
  static final int LOOP_REPEATS = 8;
  static final int PR_REQUESTS = 5;

  /** How long the script waits for one step to show in ClickHouse before going on. */
  static final Duration STEP_WAIT = Duration.ofMinutes(3);

  private static final Duration POLL = Duration.ofSeconds(1);

  private final TrafficDriver traffic;
  private final String jdbcUrl;
  private final String runId;
  private final Clock clock;
  private final ExecutorService runs = Executors.newCachedThreadPool();

  WasteScript(TrafficDriver traffic, String jdbcUrl, String runId, Clock clock) {
    this.traffic = traffic;
    this.jdbcUrl = jdbcUrl;
    this.runId = runId;
    this.clock = clock;
  }

  static String loopSession(String runId, Fault fault) {
    return "chaos-" + runId + "-" + fault.label() + "-loop";
  }

  static String repository(String runId) {
    return "chaos/findings-" + runId;
  }

  /** Starts the script of the phase at {@code position} (0: the clean phase) in the background. */
  void begin(Fault fault, int position) {
    runs.execute(
        () -> {
          try {
            run(fault, position + 1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * Waits until every phase's script has finished.
   *
   * @return false when some were still running after {@code wait}
   */
  boolean finish(Duration wait) throws InterruptedException {
    runs.shutdown();
    return runs.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run(Fault fault, long number) throws InterruptedException {
    traffic.sendUsage(fault, loop(fault));
    String branch = "chaos-findings/" + number;
    Instant opened = clock.instant();
    String delivery = "chaos-" + runId + "-" + fault.label() + "-findings-pr-";
    traffic.sendPullRequest(
        fault,
        pullRequest(number, branch, opened)
            .at(opened)
            .with(b -> b.setDeliveryId(delivery + "opened"))
            .build());
    await(() -> count(DELIVERED, delivery + "opened", number) > 0);
    traffic.sendUsage(fault, prUsage(fault, branch));
    await(() -> count(ATTRIBUTED, repository(runId), number) >= PR_REQUESTS);
    traffic.sendPullRequest(
        fault,
        pullRequest(number, branch, opened)
            .closedWithoutMerge(clock.instant())
            .with(b -> b.setDeliveryId(delivery + "closed"))
            .build());
  }

  /** Same prompt, same shape, a second apart, the last one now. */
  private List<TokenUsage> loop(Fault fault) {
    String session = loopSession(runId, fault);
    Instant last = clock.instant();
    List<TokenUsage> usages = new ArrayList<>();
    for (int i = 0; i < LOOP_REPEATS; i++) {
      usages.add(
          TokenUsages.aRequest()
              .session(session)
              .prompt(session + "-p")
              .sequence(i)
              .at(last.minusSeconds(LOOP_REPEATS - 1 - i))
              .tokens(1_200, 30_000, 0, 400)
              .build());
    }
    return usages;
  }

  /** Requests of different sizes (not a loop) on the pull request's branch, a millisecond apart. */
  private List<TokenUsage> prUsage(Fault fault, String branch) {
    String session = "chaos-" + runId + "-" + fault.label() + "-pr";
    Instant first = clock.instant();
    List<TokenUsage> usages = new ArrayList<>();
    for (int i = 0; i < PR_REQUESTS; i++) {
      usages.add(
          TokenUsages.aRequest()
              .session(session)
              .prompt(session + "-p" + i)
              .sequence(i)
              .at(first.plusMillis(i))
              .repo(repository(runId), branch)
              .tokens(2_000L * (i + 1), 10_000, 0, 300L * (i + 1))
              .build());
    }
    return usages;
  }

  private PullRequests.Builder pullRequest(long number, String branch, Instant opened) {
    return PullRequests.anOpenedPr()
        .repository(repository(runId))
        .number(number)
        .branch(branch)
        .createdAt(opened);
  }

  private static final String DELIVERED =
      "SELECT count() FROM pull_requests WHERE delivery_id = ? AND number = ?";
  private static final String ATTRIBUTED =
      "SELECT ifNull(max(requests), 0) FROM pr_attribution WHERE repository = ? AND number = ?";

  /** A count that may not be read while ClickHouse is down: 0 until it is. */
  @FunctionalInterface
  private interface Condition {
    boolean holds() throws SQLException;
  }

  private void await(Condition condition) throws InterruptedException {
    long deadline = System.nanoTime() + STEP_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (SQLException e) {
        // ClickHouse is being killed or restarted: asked again
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // polling the running pipeline, not a test
    }
  }

  private long count(String sql, String text, long number) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, text);
      s.setLong(2, number);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void close() {
    runs.shutdownNow();
  }
}
