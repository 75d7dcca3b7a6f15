package io.tokenlens.schemas.topics;

import java.util.List;

/**
 * What {@link TopicProvisioner} did.
 *
 * @param created full names of the topics it created
 * @param existing full names of the topics that already existed
 * @param drifts differences between existing topics and the catalog (never changed automatically)
 */
public record ProvisioningReport(
    List<String> created, List<String> existing, List<TopicDrift> drifts) {

  public ProvisioningReport {
    created = List.copyOf(created);
    existing = List.copyOf(existing);
    drifts = List.copyOf(drifts);
  }

  public boolean hasDrift() {
    return !drifts.isEmpty();
  }

  /** One line per fact, for logs and the launcher's output. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("created ")
        .append(created.size())
        .append(" topic(s), ")
        .append(existing.size())
        .append(" already existed, ")
        .append(drifts.size())
        .append(" difference(s)");
    for (TopicDrift drift : drifts) {
      out.append(System.lineSeparator()).append("  ").append(drift);
    }
    return out.toString();
  }
}
