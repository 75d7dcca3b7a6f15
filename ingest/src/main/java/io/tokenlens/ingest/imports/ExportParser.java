package io.tokenlens.ingest.imports;

import io.tokenlens.ingest.load.JsonItem;
import io.tokenlens.schemas.avro.ProviderUsage;
import java.util.List;

/** Maps the JSON documents of one provider's export to usage rows, recording every problem. */
interface ExportParser {
  List<ProviderUsage> parse(List<JsonItem> documents, ImportContext context, List<String> problems);
}
