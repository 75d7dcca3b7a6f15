package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.topics.RecordKeys;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The commits of each merged pull request, for incidents that reference a commit: one record per
 * commit (merge, head and listed commits), keyed by the repository's service (the directory's
 * {@code repository:<owner/name>}, else the event's own service), valued {@code
 * <sha>|<owner/name>#<number>}, at the merge's event time.
 */
public final class MergedCommitProcessor
    implements Processor<String, PullRequestEvent, String, String> {

  private final String directoryStore;
  private ProcessorContext<String, String> context;
  private TimestampedKeyValueStore<String, DirectoryEntry> directory;

  public MergedCommitProcessor(String directoryStore) {
    this.directoryStore = directoryStore;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.directory = context.getStateStore(directoryStore);
  }

  @Override
  public void process(Record<String, PullRequestEvent> record) {
    PullRequestEvent event = record.value();
    if (event == null || !event.getMerged()) {
      return;
    }
    String service = serviceOf(event);
    if (service == null) {
      return;
    }
    Set<String> shas = new LinkedHashSet<>();
    add(shas, event.getMergeCommitSha());
    add(shas, event.getHeadSha());
    event.getCommitShas().forEach(sha -> add(shas, sha));
    String prKey = RecordKeys.pullRequest(event.getRepository(), event.getNumber());
    for (String sha : shas) {
      context.forward(record.withKey(service).withValue(sha + "|" + prKey));
    }
  }

  private String serviceOf(PullRequestEvent event) {
    DirectoryEntry entry =
        ValueAndTimestamp.getValueOrNull(directory.get("repository:" + event.getRepository()));
    if (entry != null && entry.getRepository() != null) {
      return entry.getRepository().getService();
    }
    return event.getService() == null || event.getService().isBlank() ? null : event.getService();
  }

  private static void add(Set<String> shas, String sha) {
    if (sha != null && sha.length() >= MergedCommits.MIN_SHA_LENGTH) {
      shas.add(sha.toLowerCase(java.util.Locale.ROOT));
    }
  }
}
