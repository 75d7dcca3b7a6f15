package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.topics.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The pull-request side of the usage ↔ pull-request join, on {@code pr-events} (keyed by
 * repository). Each event updates the pull request's state; resolves its author (the event's
 * engineer, else the directory's {@code identity:SCM_LOGIN:<login>}), team and service ({@code
 * repository:<owner/name>}); attributes the author's requests in the repository that no branch
 * matched within the attribution window before the event (each request once: those on the pull
 * request's own branch as exact matches, those without a branch or on its base branch as inferred
 * ones, never those on another feature branch); and emits the new attribution ({@link
 * PendingAttributions}). An open pull request owns its branch for exact matches. When it is merged
 * or closed the emitted attribution is final and its open state is forgotten; its final attribution
 * is kept under its branch for the attribution window, for requests of the branch processed after
 * the close ({@link PrUsageProcessor}), and for a later event of the same pull request: reopened,
 * it continues from there (spend, members, version) instead of starting again at version 1, whose
 * final version consumers would discard for the lower-numbered one of its close; an event after its
 * merge emits the final attribution again, one version higher.
 *
 * <p>Processors over shared state stores rather than DSL joins: a request matches either by branch
 * (a lookup in the open-branch index) or, failing that, by engineer and a window before a pull
 * request's activity; a windowed stream–stream join cannot express "exact match first, else
 * window", and a table join would not attribute requests made before the pull request existed.
 */
public final class PrEventProcessor
    implements Processor<String, PullRequestEvent, String, PrAttribution> {

  private final Duration window;
  private final Duration emitInterval;
  private final String directoryStore;
  private ProcessorContext<String, PrAttribution> context;
  private PrStores stores;
  private PendingAttributions emitter;
  private TimestampedKeyValueStore<String, DirectoryEntry> directory;

  /**
   * Attributes requests within {@code window}; emits as {@link PendingAttributions} does at {@code
   * emitInterval}.
   */
  public PrEventProcessor(Duration window, Duration emitInterval, String directoryStore) {
    this.window = window;
    this.emitInterval = emitInterval;
    this.directoryStore = directoryStore;
  }

  @Override
  public void init(ProcessorContext<String, PrAttribution> context) {
    this.context = context;
    this.stores = new PrStores(context);
    this.emitter = new PendingAttributions(context, emitInterval);
    this.directory = context.getStateStore(directoryStore);
  }

  @Override
  public void process(Record<String, PullRequestEvent> record) {
    PullRequestEvent event = record.value();
    String prKey = RecordKeys.pullRequest(event.getRepository(), event.getNumber());
    PrAttribution current = stores.attribution(prKey);
    // not open: continue its kept final attribution (reopened, or an event after its merge), else
    // start one
    PrStores.Closed closed =
        current != null
            ? null
            : stores.lastClosed(
                event.getRepository(),
                event.getBranch(),
                event.getNumber(),
                event.getOccurredAt().toEpochMilli());
    if (closed != null) {
      stores.restoreMembers(prKey, closed.at());
      current = closed.attribution();
    } else if (current == null) {
      current = PrAttributions.empty(event);
    }
    String author =
        event.getEngineerId() != null
            ? event.getEngineerId()
            : engineerOfLogin(event.getAuthorLogin());
    DirectoryEntry engineer = author == null ? null : lookup("engineer:" + author);
    DirectoryEntry repository = lookup("repository:" + event.getRepository());
    PrAttribution next =
        PrAttributions.withEvent(
            current,
            event,
            author,
            engineer == null || engineer.getEngineer() == null
                ? event.getTeam()
                : engineer.getEngineer().getTeam(),
            repository == null || repository.getRepository() == null
                ? event.getService()
                : repository.getRepository().getService(),
            event.getOccurredAt());

    String engineerId = next.getAuthorEngineerId();
    if (engineerId != null) {
      Instant at = event.getOccurredAt();
      for (PrStores.Unmatched unmatched :
          stores.unattributed(event.getRepository(), engineerId, at.minus(window), at)) {
        UnmatchedUsage.Part part = unmatched.part();
        boolean exact = part.branch != null && part.branch.equals(event.getBranch());
        if (!exact && !PrAttributions.inferable(part.branch, event)) {
          continue; // work on another feature branch: kept for that branch's own pull request
        }
        next =
            PrAttributions.withUsage(
                next,
                part,
                engineerId,
                exact,
                stores.addMember(prKey, "s", part.session),
                stores.addMember(prKey, "e", engineerId),
                at);
        stores.markAttributed(event.getRepository(), engineerId, unmatched);
      }
    }
    if (next.getFinalized()) {
      // an event after the close keeps the final attribution where it was kept, with its higher
      // version
      stores.close(next, closed != null ? closed.at() : event.getOccurredAt().toEpochMilli());
    } else {
      stores.save(next);
      stores.openBranch(event.getRepository(), event.getBranch(), event.getNumber());
    }
    emitter.emit(prKey, next, record.timestamp());
  }

  private String engineerOfLogin(String login) {
    if (login == null || login.isBlank()) {
      return null;
    }
    DirectoryEntry entry = lookup(RecordKeys.identityKey(IdentityKind.SCM_LOGIN.name(), login));
    return entry == null || entry.getIdentity() == null
        ? null
        : entry.getIdentity().getEngineerId();
  }

  private DirectoryEntry lookup(String key) {
    return ValueAndTimestamp.getValueOrNull(directory.get(key));
  }
}
