package io.tokenlens.simulator.waste;

import io.tokenlens.fixtures.Incidents;
import io.tokenlens.schemas.avro.IncidentProvider;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.model.SessionShapes;
import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SideCalls;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.model.ToolResults;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import java.time.Instant;

/**
 * INCIDENT_AFTER_AI_HEAVY_PR. Planted: three long agentic Opus sessions (about 30M tokens, far
 * above any baseline PR) on a branch of one of {@link Organisation#EDGE_REPOSITORIES}, its PR
 * merged, and 6–20 hours later an incident on that service. Near-miss: one short session on a
 * branch of {@link Organisation#INFRA}, merged, and an incident on its service as soon: the PR's AI
 * cost is far below the top decile. Only these scenarios merge AI work into those two repositories,
 * so each incident links to its own PR alone.
 */
public final class IncidentAfterHeavyPrPlanter implements WastePlanter {

  @Override
  public Pattern pattern() {
    return Pattern.INCIDENT_AFTER_AI_HEAVY_PR;
  }

  @Override
  public boolean canPlant(SimulationContext ctx, Engineer engineer, Instant day) {
    return ctx.edgeRepositories().available(day);
  }

  @Override
  public void plant(SimulationContext ctx, Engineer engineer, Instant day, LabelKind kind) {
    boolean planted = WastePlanter.planted(kind);
    Instant start = WastePlanter.midday(ctx, engineer, day).minusSeconds(3_600);
    String repository = planted ? ctx.edgeRepositories().take(start) : Organisation.INFRA;
    String branch = "feature/" + engineer.id() + "-edge-" + ctx.random().nextInt(10_000);
    Instant last = start;
    for (int s = 0; s < (planted ? 3 : 1); s++) {
      SessionWriter w = ctx.session(engineer, repository, branch, last.plusSeconds(300));
      if (planted) {
        heavy(ctx, w, "claude-opus-4-1");
      } else {
        SessionShapes.interactive(ctx, w, 2);
      }
      last = w.now();
    }
    Instant merged =
        WastePlanter.ship(ctx, engineer, repository, branch, last).openedAt().plusSeconds(3_600);
    Instant triggered = merged.plusSeconds(6 * 3_600 + ctx.random().nextInt(14 * 3_600));
    incident(ctx, Organisation.service(repository), triggered);
    WastePlanter.label(ctx, pattern(), engineer, null, merged, triggered, kind);
  }

  /**
   * A long agentic session of {@code model}: one prompt, then 80 requests 12–32 s apart on a
   * 110–125k cached context, each followed by a tool call.
   */
  static void heavy(SimulationContext ctx, SessionWriter w, String model) {
    w.userPrompt(2_500, ctx.ids().uuid());
    for (int i = 0; i < 80; i++) {
      w.advanceMillis(10_000 + ctx.random().nextInt(20_000));
      w.request(
          model,
          2_000 + ctx.random().nextInt(2_000),
          110_000 + ctx.random().nextInt(15_000),
          i % 10 == 0 ? 8_000 : 0,
          2_000 + ctx.random().nextInt(2_000),
          40_000);
      SideCalls.maybe(ctx.random(), w);
      w.advanceMillis(2_000);
      String tool = ctx.tool();
      w.toolResult(tool, true, ctx.ids().uuid(), 1_500, ToolResults.size(ctx.random(), tool));
    }
  }

  /** A PagerDuty incident on {@code service}: triggered, acknowledged, resolved. */
  public static void incident(SimulationContext ctx, String service, Instant triggered) {
    String id = "P" + ctx.ids().hex(3).toUpperCase(java.util.Locale.ROOT);
    Instant acknowledged = triggered.plusSeconds(120 + ctx.random().nextInt(900));
    Instant resolved = acknowledged.plusSeconds(1_200 + ctx.random().nextInt(5_400));
    for (Instant[] step : new Instant[][] {{triggered}, {acknowledged}, {resolved}}) {
      Incidents.Builder b =
          Incidents.aTriggeredIncident()
              .provider(IncidentProvider.PAGERDUTY)
              .incidentId(id)
              .service(service)
              .triggeredAt(triggered)
              .urgency("high")
              .priority("P2");
      if (step[0] == acknowledged) {
        b.acknowledgedAt(acknowledged);
      } else if (step[0] == resolved) {
        b.acknowledgedAt(acknowledged).resolvedAt(resolved);
      }
      String event = ctx.ids().uuid();
      ctx.timeline()
          .add(
              Topics.INCIDENT_EVENTS,
              b.eventId("pagerduty:" + event)
                  .with(
                      x ->
                          x.setDeliveryId(event)
                              .setTitle(null)
                              .setUrl("https://acme.pagerduty.com/incidents/" + id)
                              .setIncidentNumber(null)
                              .setProviderServiceId(
                                  "PSVC" + Math.floorMod(service.hashCode(), 1000)))
                  .build(),
              step[0]);
    }
  }
}
