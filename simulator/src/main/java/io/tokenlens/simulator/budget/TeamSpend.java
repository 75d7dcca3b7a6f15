package io.tokenlens.simulator.budget;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The simulated teams' spend priced as the streams job prices it ({@link PriceBook}), per team and
 * UTC hour of event time. What the budgets and the planted burn are sized from.
 */
public final class TeamSpend {
  private final Map<String, String> teamByEmail;
  private final PriceBook prices;

  public TeamSpend(Organisation organisation, List<ModelPrice> prices) {
    this.teamByEmail =
        organisation.engineers().stream()
            .collect(Collectors.toMap(Engineer::email, Engineer::team));
    this.prices = new PriceBook(prices);
  }

  /** Each team's spend per UTC hour (hour start to USD), teams in name order. */
  public Map<String, NavigableMap<Instant, Double>> hourly(Timeline timeline) {
    return hourly(timeline.events());
  }

  /** Each team's spend per UTC hour of {@code events} (other topics are skipped). */
  public Map<String, NavigableMap<Instant, Double>> hourly(List<GeneratedEvent> events) {
    Map<String, NavigableMap<Instant, Double>> spend = new TreeMap<>();
    for (GeneratedEvent event : events) {
      if (event.topic() != Topics.TOKEN_USAGE) {
        continue;
      }
      TokenUsage usage = (TokenUsage) event.value();
      String team = usage.getUserEmail() == null ? null : teamByEmail.get(usage.getUserEmail());
      double cost = costUsd(usage);
      if (team != null && cost > 0) {
        spend
            .computeIfAbsent(team, t -> new TreeMap<>())
            .merge(usage.getOccurredAt().truncatedTo(ChronoUnit.HOURS), cost, Double::sum);
      }
    }
    return spend;
  }

  /** The request's cost, 0 when no price was in effect for its model. */
  public double costUsd(TokenUsage usage) {
    Double cost = prices.costUsd(usage);
    return cost == null ? 0 : cost;
  }

  /** Sums an hourly series into coarser periods ({@code period} maps an hour to its period). */
  public static <P extends Comparable<? super P>> NavigableMap<P, Double> sum(
      Map<Instant, Double> hourly, Function<Instant, P> period) {
    NavigableMap<P, Double> sums = new TreeMap<>();
    hourly.forEach((hour, usd) -> sums.merge(period.apply(hour), usd, Double::sum));
    return sums;
  }
}
