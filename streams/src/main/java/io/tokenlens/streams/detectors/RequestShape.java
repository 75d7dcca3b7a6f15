package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.TokenUsage;

/**
 * What LOOPING_AGENT compares of a request: its uncached input and its output tokens (the cache
 * read grows with every turn of a conversation, so it says nothing about a repeat), and its {@link
 * Sample} for the finding.
 *
 * @param uncachedInputTokens input tokens not read from the cache
 * @param outputTokens output tokens
 * @param prompt a hash of the request's prompt id, 0 when it has none
 * @param sample the request's sample
 */
record RequestShape(long uncachedInputTokens, long outputTokens, int prompt, Sample sample) {

  static RequestShape of(TokenUsage usage) {
    return new RequestShape(
        usage.getInputTokens(),
        usage.getOutputTokens(),
        usage.getPromptId() == null ? 0 : usage.getPromptId().hashCode(),
        Sample.of(usage));
  }

  /**
   * Whether {@code other} is the same request as this one, give or take what a model's response
   * varies by: each count differs by at most {@code tolerance} of the larger or {@code
   * toleranceTokens}, whichever is more. Requests of two different prompts (Claude Code's {@code
   * prompt.id}) are never the same: a user prompt came between them, even when its own event was
   * not received.
   */
  boolean similarTo(RequestShape other, double tolerance, long toleranceTokens) {
    return (prompt == 0 || other.prompt == 0 || prompt == other.prompt)
        && close(uncachedInputTokens, other.uncachedInputTokens, tolerance, toleranceTokens)
        && close(outputTokens, other.outputTokens, tolerance, toleranceTokens);
  }

  private static boolean close(long a, long b, double tolerance, long toleranceTokens) {
    return Math.abs(a - b) <= Math.max(toleranceTokens, tolerance * Math.max(a, b));
  }
}
