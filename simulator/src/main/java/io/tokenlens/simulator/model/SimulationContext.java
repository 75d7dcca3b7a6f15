package io.tokenlens.simulator.model;

import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * What the generators share: the organisation, the random stream, the timeline and the pull-request
 * flow.
 */
public final class SimulationContext {
  public static final String[] CLAUDE_MODELS = {
    "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"
  };
  public static final double[] CLAUDE_WEIGHTS = {0.75, 0.15, 0.10};
  public static final String[] TOOLS = {"Edit", "Read", "Bash", "Grep", "Write"};

  private final Organisation organisation;
  private final SplittableRandom random;
  private final Ids ids;
  private final Timeline timeline;
  private final PullRequestFlow prs;
  private final Jitter jitter;
  private final EdgeRepositories edgeRepositories = new EdgeRepositories();
  private final GateRepositories gateRepositories;

  public SimulationContext(Organisation organisation, long seed, Instant end) {
    this.organisation = organisation;
    this.random = new SplittableRandom(seed);
    this.ids = new Ids(random);
    this.timeline = new Timeline(end);
    this.prs = new PullRequestFlow(timeline, ids);
    this.jitter = new Jitter(random);
    this.gateRepositories = new GateRepositories(organisation);
  }

  public Organisation organisation() {
    return organisation;
  }

  public SplittableRandom random() {
    return random;
  }

  public Ids ids() {
    return ids;
  }

  public Timeline timeline() {
    return timeline;
  }

  public PullRequestFlow prs() {
    return prs;
  }

  /** A new Claude Code session of {@code engineer} on {@code branch} of their repository. */
  public SessionWriter session(Engineer engineer, String branch, Instant start) {
    return session(engineer, engineer.repository(), branch, start);
  }

  public SessionWriter session(Engineer engineer, String repository, String branch, Instant start) {
    return new SessionWriter(timeline, ids, engineer, repository, branch, false, start);
  }

  public String claudeModel() {
    double roll = random.nextDouble();
    double sum = 0;
    for (int i = 0; i < CLAUDE_MODELS.length; i++) {
      sum += CLAUDE_WEIGHTS[i];
      if (roll < sum) {
        return CLAUDE_MODELS[i];
      }
    }
    return CLAUDE_MODELS[0];
  }

  public String tool() {
    return TOOLS[random.nextInt(TOOLS.length)];
  }

  /** A reviewer for {@code author}: someone else in the organisation. */
  public String reviewerFor(Engineer author) {
    var engineers = organisation.engineers();
    if (engineers.size() == 1) {
      return "reviewer-bot";
    }
    Engineer r;
    do {
      r = engineers.get(random.nextInt(engineers.size()));
    } while (r == author);
    return r.id();
  }

  /** A whole number from {@code min} to {@code max}, both included. */
  public int inRange(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  public EdgeRepositories edgeRepositories() {
    return edgeRepositories;
  }

  public GateRepositories gateRepositories() {
    return gateRepositories;
  }

  public Jitter jitter() {
    return jitter;
  }

  public long between(long min, long max) {
    return min + (long) (random.nextDouble() * (max - min));
  }
}
