package io.tokenlens.simulator.waste;

import java.time.Instant;

/**
 * Ground truth for one occurrence. A finding matches a {@link LabelKind#PLANTED} label with the
 * same pattern and engineer whose span [{@code start}, {@code end}] overlaps the finding's.
 *
 * @param sessionId the session carrying it, null when it spans sessions (duplicates, PR- and
 *     incident-level patterns)
 */
public record Label(
    Pattern pattern,
    String engineerId,
    String team,
    String sessionId,
    Instant start,
    Instant end,
    LabelKind kind) {}
