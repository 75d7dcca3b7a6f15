package io.tokenlens.simulator.wire;

/**
 * What the simulated sources are configured to send beyond their defaults.
 *
 * @param logUserPrompts Claude Code's {@code OTEL_LOG_USER_PROMPTS=1}: the prompt text is sent (a
 *     synthetic text standing for the prompt, identical for identical prompts) instead of the
 *     placeholder {@code <REDACTED>}
 * @param logToolDetails Claude Code's {@code OTEL_LOG_TOOL_DETAILS=1}: tool arguments are sent
 *     ({@code tool_input}, and {@code tool_parameters} for Bash)
 */
public record Scenario(boolean logUserPrompts, boolean logToolDetails) {
  public static final Scenario DEFAULTS = new Scenario(false, false);
}
