package io.tokenlens.ingest.directory;

import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.DirectoryEntry;
import java.util.List;

/** A validated directory file: the records to publish, entries and tombstones, in file order. */
public record DirectoryLoad(List<PendingRecord<DirectoryEntry>> records) {

  public DirectoryLoad {
    records = List.copyOf(records);
  }

  public long upserts() {
    return records.stream().filter(r -> !r.isTombstone()).count();
  }

  public long deletions() {
    return records.stream().filter(PendingRecord::isTombstone).count();
  }
}
