package io.tokenlens.simulator.eval;

import java.time.Instant;

/**
 * What the scorer needs of one {@code WasteFinding} (its highest version): the pattern name, the engineer it is
 * attributed to (null when none) and its evidence window [{@code start}, {@code end}].
 */
public record Finding(String findingId, String pattern, String engineerId, Instant start, Instant end) {}
