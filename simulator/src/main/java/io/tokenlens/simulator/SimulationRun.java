package io.tokenlens.simulator;

import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.simulator.budget.TeamBudgets;
import io.tokenlens.simulator.coverage.ProviderExports;
import io.tokenlens.simulator.coverage.SpendLabel;
import io.tokenlens.simulator.delivery.Counts;
import io.tokenlens.simulator.delivery.DeliveryPlan;
import io.tokenlens.simulator.delivery.HttpSender;
import io.tokenlens.simulator.delivery.Progress;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.org.Usage;
import io.tokenlens.simulator.reverts.PlantedRevert;
import io.tokenlens.simulator.waste.LabelKind;
import io.tokenlens.simulator.waste.LabelsWriter;
import io.tokenlens.simulator.wire.DirectoryFile;
import io.tokenlens.simulator.wire.Encoder;
import io.tokenlens.simulator.wire.HttpDelivery;
import io.tokenlens.simulator.wire.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * One simulation: the organisation, its timeline, the labels file, the requests in delivery order;
 * then either the counts (dry run) or the directory followed by every request sent to ingest, paced
 * to the target rate.
 */
public final class SimulationRun {

  /** What a run produced. */
  public record Result(
      Organisation organisation,
      Timeline timeline,
      List<TeamBudgets.Budget> budgets,
      ProviderExports exports,
      HttpDelivery directory,
      DeliveryPlan.Plan plan,
      Counts counts,
      long failures) {}

  private final SimulateOptions options;
  private final PrintStream out;

  public SimulationRun(SimulateOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Builds everything and writes the labels, sends nothing. */
  public Result prepare() throws IOException {
    Organisation organisation =
        Organisation.generate(options.seed(), options.engineers(), options.teams());
    Timeline timeline =
        Simulation.run(
            organisation,
            options.seed(),
            options.days(),
            options.end(),
            options.wasteRate(),
            options.lookAlikes());
    LabelsWriter.write(options.labels(), timeline.labels());
    Encoder encoder =
        new Encoder(
            new Scenario(options.logUserPrompts(), options.logToolDetails()),
            options.githubSecret(),
            options.pagerdutySecret());
    DeliveryPlan.Plan plan =
        DeliveryPlan.of(encoder.encode(timeline), options.seed(), options.duplicateRate());
    List<ModelPrice> prices = DefaultPrices.load(options.end().toEpochMilli());
    List<TeamBudgets.Budget> budgets = TeamBudgets.sizedFrom(organisation, timeline, prices);
    ProviderExports exports =
        ProviderExports.of(timeline, prices, options.seed(), options.uninstrumentedRate());
    if (options.providerExports() != null) {
      exports.write(options.providerExports());
    }
    HttpDelivery directory =
        DirectoryFile.of(
            organisation, budgets, options.end().minus(Duration.ofDays(options.days())));
    return new Result(
        organisation, timeline, budgets, exports, directory, plan, Counts.of(plan.deliveries()), 0);
  }

  public Result run() throws IOException, InterruptedException {
    Result prepared = prepare();
    printCounts(prepared);
    if (options.dryRun()) {
      return prepared;
    }
    HttpSender sender = new HttpSender(options.ingestUrl(), options.apiKey());
    int status = sender.sendNow(prepared.directory());
    if (status != 200) {
      throw new IOException(
          "the directory was refused (" + status + "); is ingest running with this API key?");
    }
    List<HttpDelivery> deliveries = prepared.plan().deliveries();
    Progress progress = new Progress(out, prepared.counts().totalEvents());
    long sent = 0;
    for (HttpDelivery d : deliveries) {
      sender.send(d);
      sent += d.items().values().stream().mapToInt(Integer::intValue).sum();
      pace(sent, progress);
      progress.update(sent, d.sentAt(), false);
    }
    sender.drain();
    progress.update(
        sent,
        deliveries.isEmpty() ? options.end() : deliveries.get(deliveries.size() - 1).sentAt(),
        true);
    out.println();
    out.printf(
        Locale.ROOT,
        "sent %,d events in %,d requests in %.1f s (%,.0f events/s); %d retried after 503, "
            + "%d failed%n",
        sent,
        deliveries.size(),
        progress.elapsedSeconds(),
        sent / progress.elapsedSeconds(),
        sender.retries(),
        sender.failures());
    return new Result(
        prepared.organisation(),
        prepared.timeline(),
        prepared.budgets(),
        prepared.exports(),
        prepared.directory(),
        prepared.plan(),
        prepared.counts(),
        sender.failures());
  }

  private void pace(long sent, Progress progress) {
    if (options.rate() <= 0) {
      return;
    }
    double due = sent / options.rate() - progress.elapsedSeconds();
    if (due > 0) {
      LockSupport.parkNanos((long) (due * 1e9));
    }
  }

  private void printCounts(Result r) {
    out.printf(
        Locale.ROOT,
        "organisation: %d engineers in %d teams, %d repositories; %d simulated days ending %s%n",
        r.organisation().engineers().size(),
        options.teams(),
        r.organisation().repositories().size(),
        options.days(),
        options.end());
    out.println("events by kind (duplicate deliveries included):");
    r.counts().events().forEach((k, v) -> out.printf(Locale.ROOT, "  %-32s %,10d%n", k, v));
    out.println("requests by kind:");
    r.counts().requests().forEach((k, v) -> out.printf(Locale.ROOT, "  %-32s %,10d%n", k, v));
    out.printf(
        Locale.ROOT,
        "  %-32s %,10d%n",
        "directory entries",
        r.directory().items().get("directory entry"));
    out.printf(
        Locale.ROOT,
        "team budgets: %s%n",
        r.budgets().stream()
            .map(
                b ->
                    String.format(
                        Locale.ROOT,
                        "%s $%.2f/day (%s)",
                        b.team(),
                        b.dailyUsd(),
                        b.expectation().name().toLowerCase(Locale.ROOT)))
            .collect(Collectors.joining(", ")));
    out.println(
        r.timeline()
            .plantedBurn()
            .map(
                b ->
                    String.format(
                        Locale.ROOT,
                        "planted burn: %s at %s ($%.2f added to a usual $%.2f; a replay alerts"
                            + " from $%.2f)",
                        b.team(),
                        b.hour(),
                        b.addedUsd(),
                        b.usualUsd(),
                        b.thresholdUsd()))
            .orElse("planted burn: none (no team hour with the same hour a day before)"));
    out.printf(
        Locale.ROOT,
        "low adoption: %s; heavy low-output: %s%n",
        planted(r.organisation().withUsage(Usage.LOW_ADOPTION)),
        planted(r.organisation().withUsage(Usage.HEAVY_LOW_OUTPUT)));
    out.printf(
        Locale.ROOT,
        "planted reverts: %s; reverted only on a revert branch: %s%n",
        planted(reverts(r.timeline(), LabelKind.PLANTED)),
        planted(reverts(r.timeline(), LabelKind.LOOK_ALIKE)));
    out.printf(
        Locale.ROOT,
        "duplicate deliveries: %d, late batches: %d; labels: %d written to %s%n",
        r.plan().duplicates(),
        r.plan().lateBatches(),
        r.timeline().labels().size(),
        options.labels());
    if (options.providerExports() != null) {
      out.printf(
          Locale.ROOT,
          "provider exports: %d days and providers, %d with uninstrumented spend, written to %s%n",
          r.exports().labels().size(),
          r.exports().labels().stream().filter(SpendLabel::planted).count(),
          options.providerExports());
    }
  }

  private static String planted(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static List<String> reverts(Timeline timeline, LabelKind kind) {
    return timeline.reverts().stream()
        .filter(revert -> revert.kind() == kind)
        .map(PlantedRevert::pullRequest)
        .toList();
  }
}
