package io.tokenlens.simulator.org;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Engineers in teams across timezones, repositories mapped to services, and the CI bot account.
 * Built from a seed: the same seed and sizes give the same organisation.
 *
 * @param engineers the people (never the bot)
 * @param repositories {@code owner/name}, each deploying {@link #service}
 * @param ciBot the CI account that runs the agent headless on every pipeline
 */
public record Organisation(List<Engineer> engineers, List<String> repositories, Engineer ciBot) {
  /** The team of the CI account: the CI account is the only member. */
  public static final String CI_TEAM = "platform";

  /** Team timezones, in order: team k works in zone k modulo this list. */
  static final List<String> ZONES =
      List.of(
          "Europe/London",
          "America/New_York",
          "Europe/Berlin",
          "America/Los_Angeles",
          "Asia/Kolkata",
          "Asia/Tokyo");

  static final Map<String, LocalTime[]> HOURS =
      Map.of(
          "early", new LocalTime[] {LocalTime.of(8, 0), LocalTime.of(16, 30)},
          "usual", new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(17, 30)},
          "late", new LocalTime[] {LocalTime.of(10, 0), LocalTime.of(18, 30)});

  /**
   * Repositories only planted incident scenarios use, so their incidents link to no other merge:
   * each planted AI-heavy pull request takes one, at most once per incident window.
   */
  public static final List<String> EDGE_REPOSITORIES =
      java.util.stream.IntStream.rangeClosed(1, 24)
          .mapToObj(i -> String.format(Locale.ROOT, "acme/edge-%02d", i))
          .toList();

  /** Repository of manual (AI-free) changes; baseline incidents happen on its service. */
  public static final String INFRA = "acme/infra";

  /** Share of engineers planted with low adoption (at least one from {@link #MIN_PLANTED_ORG}). */
  static final double LOW_ADOPTION_SHARE = 0.03;

  /** Share of engineers planted as heavy users with low output (at least one likewise). */
  static final double HEAVY_LOW_OUTPUT_SHARE = 0.05;

  /** Organisations smaller than this get no planted usage profile. */
  static final int MIN_PLANTED_ORG = 6;

  public Organisation {
    engineers = List.copyOf(engineers);
    repositories = List.copyOf(repositories);
  }

  public static Organisation generate(long seed, int engineerCount, int teamCount) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x0A6A_15A7_10AL);
    int repoCount = Math.max(2, teamCount * 2);
    List<String> repositories = new ArrayList<>();
    for (int r = 0; r < repoCount; r++) {
      repositories.add(String.format(Locale.ROOT, "acme/repo-%02d", r + 1));
    }
    Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    List<Engineer> engineers = new ArrayList<>();
    String[] shifts = {"early", "usual", "late"};
    Usage[] usages = usages(seed, engineerCount);
    for (int i = 0; i < engineerCount; i++) {
      int team = i % teamCount;
      String id = String.format(Locale.ROOT, "eng-%04d", i + 1);
      LocalTime[] hours = HOURS.get(shifts[random.nextInt(shifts.length)]);
      String repository = repositories.get((team * 2 + random.nextInt(2)) % repoCount);
      engineers.add(
          new Engineer(
              id,
              teamName(team),
              id + "@acme.example",
              uuid(random),
              ZoneId.of(ZONES.get(team % ZONES.size())),
              hours[0],
              hours[1],
              weekdays,
              repository,
              random.nextDouble() < 0.25,
              usages[i]));
    }
    repositories.addAll(EDGE_REPOSITORIES);
    repositories.add(INFRA);
    Engineer bot =
        new Engineer(
            "ci-bot",
            CI_TEAM,
            "ci-bot@acme.example",
            uuid(random),
            ZoneId.of("UTC"),
            LocalTime.of(0, 0),
            LocalTime.of(23, 59),
            EnumSet.allOf(DayOfWeek.class),
            repositories.get(0),
            false,
            Usage.USUAL);
    return new Organisation(engineers, repositories, bot);
  }

  /** Engineers planted with {@code usage}, in id order. */
  public List<String> withUsage(Usage usage) {
    return engineers.stream().filter(e -> e.usage() == usage).map(Engineer::id).toList();
  }

  /**
   * Each engineer's usage, drawn from its own stream of the seed so that the rest of the
   * organisation is the same with or without the planted profiles.
   */
  static Usage[] usages(long seed, int engineerCount) {
    Usage[] usages = new Usage[engineerCount];
    java.util.Arrays.fill(usages, Usage.USUAL);
    if (engineerCount < MIN_PLANTED_ORG) {
      return usages;
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x05A6_E0F1_1EL);
    plant(usages, random, Usage.LOW_ADOPTION, planted(engineerCount, LOW_ADOPTION_SHARE));
    plant(usages, random, Usage.HEAVY_LOW_OUTPUT, planted(engineerCount, HEAVY_LOW_OUTPUT_SHARE));
    return usages;
  }

  private static int planted(int engineerCount, double share) {
    return Math.max(1, (int) Math.round(engineerCount * share));
  }

  private static void plant(Usage[] usages, SplittableRandom random, Usage usage, int count) {
    for (int n = 0; n < count; ) {
      int i = random.nextInt(usages.length);
      if (usages[i] == Usage.USUAL) {
        usages[i] = usage;
        n++;
      }
    }
  }

  /** The service a repository deploys. */
  public static String service(String repository) {
    return "svc-" + repository.substring(repository.lastIndexOf('/') + 1);
  }

  public static String teamName(int team) {
    return String.format(Locale.ROOT, "team-%02d", team + 1);
  }

  private static String uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
