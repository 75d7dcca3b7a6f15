package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.RollupDimension;
import io.tokenlens.schemas.avro.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollup keys {@code <DIMENSION>:<value>} one usage event counts towards: its engineer, team,
 * model, tool and repository. A dimension the event has no value for (an unknown identity has no
 * engineer or team, many events name no repository) is skipped; the model, which every event has,
 * counts every event.
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

  /** The rollup key of every dimension the event has a value for. */
  public static List<String> keys(TokenUsage usage) {
    List<String> out = new ArrayList<>(5);
    add(out, RollupDimension.ENGINEER, usage.getEngineerId());
    add(out, RollupDimension.TEAM, usage.getTeam());
    add(out, RollupDimension.MODEL, usage.getModel());
    add(out, RollupDimension.TOOL, usage.getTool());
    add(out, RollupDimension.REPOSITORY, usage.getRepository());
    return out;
  }

  private static void add(List<String> out, RollupDimension dimension, String value) {
    if (value != null && !value.isBlank()) {
      out.add(key(dimension, value));
    }
  }
}
