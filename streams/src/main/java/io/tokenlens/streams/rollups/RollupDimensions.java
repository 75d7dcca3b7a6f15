package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.RollupDimension;
import io.tokenlens.schemas.avro.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Fans one usage event out to the rollup keys {@code <DIMENSION>:<value>} it counts towards: its engineer, team,
 * model, tool and repository. A dimension the event has no value for (an unknown identity has no engineer or team,
 * many events name no repository) is skipped; the model, which every event has, counts every event.
 */
public final class RollupDimensions {

  private RollupDimensions() {}

  /** The rollup key of a dimension value. */
  public static String key(RollupDimension dimension, String value) {
    return dimension.name() + ":" + value;
  }

  /** The dimension of a rollup key. */
  public static RollupDimension dimensionOf(String key) {
    return RollupDimension.valueOf(key.substring(0, key.indexOf(':')));
  }

  /** The dimension value of a rollup key. */
  public static String valueOf(String key) {
    return key.substring(key.indexOf(':') + 1);
  }

  /** One record per dimension the event has a value for. */
  public static List<KeyValue<String, TokenUsage>> fanOut(TokenUsage usage) {
    List<KeyValue<String, TokenUsage>> out = new ArrayList<>(5);
    add(out, RollupDimension.ENGINEER, usage.getEngineerId(), usage);
    add(out, RollupDimension.TEAM, usage.getTeam(), usage);
    add(out, RollupDimension.MODEL, usage.getModel(), usage);
    add(out, RollupDimension.TOOL, usage.getTool(), usage);
    add(out, RollupDimension.REPOSITORY, usage.getRepository(), usage);
    return out;
  }

  private static void add(List<KeyValue<String, TokenUsage>> out, RollupDimension dimension, String value,
      TokenUsage usage) {
    if (value != null && !value.isBlank()) {
      out.add(KeyValue.pair(key(dimension, value), usage));
    }
  }
}
