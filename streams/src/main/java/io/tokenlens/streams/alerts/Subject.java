package io.tokenlens.streams.alerts;

import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.schemas.avro.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Whom spend is counted for: an engineer or a team, keyed {@code <ENGINEER|TEAM>:<id>} as on {@code
 * burn-alerts} and in the directory's {@code budget:<ENGINEER|TEAM>:<id>}.
 */
public record Subject(SubjectKind kind, String id) {

  public String key() {
    return kind.name() + ":" + id;
  }

  public static Subject parse(String key) {
    int colon = key.indexOf(':');
    return new Subject(SubjectKind.valueOf(key.substring(0, colon)), key.substring(colon + 1));
  }

  /** The engineer's and the team's share of a priced request (none when unpriced or unresolved). */
  public static List<KeyValue<String, Double>> spendOf(TokenUsage usage) {
    List<KeyValue<String, Double>> out = new ArrayList<>(2);
    Double cost = usage.getComputedCostUsd();
    if (cost == null || cost <= 0) {
      return out;
    }
    if (usage.getEngineerId() != null) {
      out.add(KeyValue.pair(new Subject(SubjectKind.ENGINEER, usage.getEngineerId()).key(), cost));
    }
    if (usage.getTeam() != null) {
      out.add(KeyValue.pair(new Subject(SubjectKind.TEAM, usage.getTeam()).key(), cost));
    }
    return out;
  }

  String describe() {
    return (kind == SubjectKind.TEAM ? "Team " : "Engineer ") + id;
  }
}
