package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PullRequestEvent;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The streams the PR attribution part hands to the parts after it: {@code pr-events} (keyed by
 * repository) and the one source of {@code pr-attribution} (keyed by pull request).
 */
public record PrStreams(
    KStream<String, PullRequestEvent> events, KStream<String, PrAttribution> attributions) {}
