package io.tokenlens.ingest.otlp;

/**
 * What the collectors do with {@code gen_ai.usage.*} on a GenAI agent span ({@code
 * gen_ai.operation.name} {@code invoke_agent} or {@code create_agent}, setting {@code
 * ingest.otel.genai.agent.span.usage}). An agent framework reports each model call as a span of its
 * own ({@code chat}, {@code text_completion}, {@code generate_content}, ...), and may put the total
 * of its calls on the agent span above them; counting both counts every token twice. The agent span
 * is exported after its children, often in a later request, so which of the two to count cannot be
 * decided per request: it is a setting.
 */
public enum AgentSpanUsage {
  /** Agent spans' usage is not counted: the model-call spans under them are (the default). */
  SKIP,
  /** Agent spans' usage is counted: for agents that report usage only on their agent spans. */
  COUNT;

  /** Whether {@code operation} ({@code gen_ai.operation.name}) names an agent span. */
  static boolean isAgentOperation(String operation) {
    return "invoke_agent".equals(operation) || "create_agent".equals(operation);
  }
}
