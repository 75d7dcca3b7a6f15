package io.tokenlens.sink;

import io.tokenlens.schemas.topics.RecordHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A column filled from a Kafka record header rather than from the record's value: what the producer
 * vouches for about the record, which no payload field can claim.
 *
 * @param header the record header
 * @param column the column it lands in, a {@code String DEFAULT ''}: the header's last value as
 *     UTF-8, empty when the record has none
 */
public record HeaderColumn(String header, String column) {

  /**
   * Which credential the collectors accepted the record's request with ({@link
   * RecordHeaders#AUTHENTICATED_BY}).
   */
  public static final HeaderColumn AUTHENTICATED_BY =
      new HeaderColumn(RecordHeaders.AUTHENTICATED_BY, "authenticated_by");

  /** The column's value for a record with {@code headers}. */
  public String value(Headers headers) {
    Header last = headers == null ? null : headers.lastHeader(header);
    return last == null || last.value() == null
        ? ""
        : new String(last.value(), StandardCharsets.UTF_8);
  }
}
