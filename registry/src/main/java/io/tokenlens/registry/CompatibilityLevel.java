package io.tokenlens.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's compatibility levels: which earlier versions a new schema is checked against, how.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** The level of a registry nobody configured, as in Confluent. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** Data written with an earlier schema must be readable with the new one. */
  public boolean backward() {
    return backward;
  }

  /** Data written with the new schema must be readable with an earlier one. */
  public boolean forward() {
    return forward;
  }

  /** Checked against every live version, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /** The level named by {@code name}, case-insensitively; empty for anything else. */
  public static Optional<CompatibilityLevel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
