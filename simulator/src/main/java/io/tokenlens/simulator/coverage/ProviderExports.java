package io.tokenlens.simulator.coverage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.budget.PriceBook;
import io.tokenlens.simulator.model.Timeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The provider usage exports of a simulated organisation: per UTC day, provider and model, the
 * tokens its telemetry carries, as the Anthropic Admin API usage report ({@code bucket_width=1d},
 * {@code group_by[]=model}) and the OpenAI completions usage API return them; and, on a share of
 * the days and providers, spend that no collector sent (a batch job calling the API with a key of
 * its own): one more row of the day's costliest model, under its own API key, worth 15–40% of the
 * telemetry's spend that day. The amounts are drawn from a random of their own, so the telemetry of
 * a seed is the same with or without exports.
 *
 * @param anthropic the Anthropic usage report, or null without Anthropic telemetry
 * @param openai the OpenAI usage export, or null without OpenAI telemetry
 * @param labels one per UTC day and provider exported
 */
public record ProviderExports(byte[] anthropic, byte[] openai, List<SpendLabel> labels) {

  public static final String ANTHROPIC_FILE = "anthropic-usage.json";
  public static final String OPENAI_FILE = "openai-usage.json";
  public static final String LABELS_FILE = "spend-labels.jsonl";

  /** The API key of the planted, uninstrumented batch job. */
  static final String BATCH_JOB_KEY = "sim-batch-job";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double MIN_SHARE = 0.15;
  private static final double MAX_SHARE = 0.40;

  /** Tokens of one day, provider and model. */
  private static final class Tokens {
    long input;
    long cacheRead;
    long cacheWrite;
    long output;
    long requests;
    double telemetryUsd;
  }

  /**
   * @param rate probability per UTC day and provider of planted uninstrumented spend
   */
  public static ProviderExports of(
      Timeline timeline, List<ModelPrice> prices, long seed, double rate) {
    PriceBook book = new PriceBook(prices);
    Map<String, Map<LocalDate, Map<String, Tokens>>> byProvider = new TreeMap<>();
    for (GeneratedEvent event : timeline.events()) {
      if (event.topic() == Topics.TOKEN_USAGE) {
        TokenUsage u = (TokenUsage) event.value();
        Tokens t =
            byProvider
                .computeIfAbsent(u.getProvider(), p -> new TreeMap<>())
                .computeIfAbsent(
                    LocalDate.ofInstant(u.getOccurredAt(), ZoneOffset.UTC), d -> new TreeMap<>())
                .computeIfAbsent(u.getModel(), m -> new Tokens());
        t.input += u.getInputTokens();
        t.cacheRead += u.getCacheReadTokens();
        t.cacheWrite += u.getCacheWriteTokens();
        t.output += u.getOutputTokens();
        t.requests++;
        Double cost = book.costUsd(u);
        t.telemetryUsd += cost == null ? 0 : cost;
      }
    }
    // java.util.Random's first draws of nearby seeds are alike; SplittableRandom mixes its seed
    SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDC0DEL);
    List<SpendLabel> labels = new ArrayList<>();
    ArrayNode anthropic = JSON.createArrayNode();
    ArrayNode openai = JSON.createArrayNode();
    for (Map.Entry<String, Map<LocalDate, Map<String, Tokens>>> provider : byProvider.entrySet()) {
      boolean isOpenAi = provider.getKey().equals("openai");
      for (Map.Entry<LocalDate, Map<String, Tokens>> day : provider.getValue().entrySet()) {
        List<ObjectNode> results = new ArrayList<>();
        double telemetry = 0;
        double exported = 0;
        String costliest = null;
        for (Map.Entry<String, Tokens> model : day.getValue().entrySet()) {
          Tokens t = model.getValue();
          results.add(
              isOpenAi
                  ? openAiResult(model.getKey(), t, null)
                  : anthropicResult(model.getKey(), t, null));
          telemetry += t.telemetryUsd;
          exported += priced(book, provider.getKey(), model.getKey(), day.getKey(), t);
          if (costliest == null || t.telemetryUsd > day.getValue().get(costliest).telemetryUsd) {
            costliest = model.getKey();
          }
        }
        double planted = 0;
        ModelPrice price = price(book, provider.getKey(), costliest, day.getKey());
        boolean plant = random.nextDouble() < rate;
        double share = MIN_SHARE + (MAX_SHARE - MIN_SHARE) * random.nextDouble();
        if (plant && price != null && price.getInputUsdPerMillion() > 0 && telemetry > 0) {
          Tokens job = new Tokens();
          job.input = Math.round(share * telemetry / price.getInputUsdPerMillion() * 1e6);
          job.requests = 1 + job.input / 50_000;
          planted = job.input * price.getInputUsdPerMillion() / 1e6;
          results.add(
              isOpenAi
                  ? openAiResult(costliest, job, BATCH_JOB_KEY)
                  : anthropicResult(costliest, job, BATCH_JOB_KEY));
        }
        (isOpenAi ? openai : anthropic).add(bucket(day.getKey(), isOpenAi, results));
        labels.add(
            new SpendLabel(
                day.getKey(), provider.getKey(), exported + planted, telemetry, planted));
      }
    }
    return new ProviderExports(page(anthropic, false), page(openai, true), List.copyOf(labels));
  }

  /** Writes the exports and the labels into {@code dir}; a provider without telemetry has none. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (anthropic != null) {
      Files.write(dir.resolve(ANTHROPIC_FILE), anthropic);
    }
    if (openai != null) {
      Files.write(dir.resolve(OPENAI_FILE), openai);
    }
    StringBuilder lines = new StringBuilder();
    for (SpendLabel l : labels) {
      ObjectNode n = JSON.createObjectNode();
      n.put("day", l.day().toString());
      n.put("provider", l.provider());
      n.put("exportedUsd", l.exportedUsd());
      n.put("telemetryUsd", l.telemetryUsd());
      n.put("uninstrumentedUsd", l.uninstrumentedUsd());
      lines.append(JSON.writeValueAsString(n)).append('\n');
    }
    Files.writeString(dir.resolve(LABELS_FILE), lines);
  }

  private static ModelPrice price(PriceBook book, String provider, String model, LocalDate day) {
    return model == null
        ? null
        : book.at(provider, model, day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** The export row's spend as the sink's view prices it: at the bucket's start. */
  private static double priced(
      PriceBook book, String provider, String model, LocalDate day, Tokens t) {
    ModelPrice p = price(book, provider, model, day);
    return p == null
        ? 0
        : (t.input * p.getInputUsdPerMillion()
                + t.cacheRead * p.getCacheReadUsdPerMillion()
                + t.cacheWrite * p.getCacheWriteUsdPerMillion()
                + t.output * p.getOutputUsdPerMillion())
            / 1e6;
  }

  private static ObjectNode anthropicResult(String model, Tokens t, String apiKey) {
    ObjectNode r = JSON.createObjectNode();
    r.put("uncached_input_tokens", t.input);
    r.put("cache_read_input_tokens", t.cacheRead);
    ObjectNode cacheCreation = r.putObject("cache_creation");
    cacheCreation.put("ephemeral_5m_input_tokens", t.cacheWrite);
    cacheCreation.put("ephemeral_1h_input_tokens", 0);
    r.put("output_tokens", t.output);
    r.putObject("server_tool_use").put("web_search_requests", 0);
    r.put("model", model);
    r.put("api_key_id", apiKey);
    r.putNull("workspace_id");
    r.put("service_tier", "standard");
    r.put("context_window", "0-200k");
    return r;
  }

  /** OpenAI counts cached input inside the input; it has no cache writes (priced as input). */
  private static ObjectNode openAiResult(String model, Tokens t, String apiKey) {
    ObjectNode r = JSON.createObjectNode();
    r.put("object", "organization.usage.completions.result");
    r.put("input_tokens", t.input + t.cacheWrite + t.cacheRead);
    r.put("output_tokens", t.output);
    r.put("input_cached_tokens", t.cacheRead);
    r.put("input_audio_tokens", 0);
    r.put("output_audio_tokens", 0);
    r.put("num_model_requests", t.requests);
    r.putNull("project_id");
    r.putNull("user_id");
    r.put("api_key_id", apiKey);
    r.put("model", model);
    r.put("batch", false);
    return r;
  }

  private static ObjectNode bucket(LocalDate day, boolean openAi, List<ObjectNode> results) {
    ObjectNode b = JSON.createObjectNode();
    long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    if (openAi) {
      b.put("object", "bucket");
      b.put("start_time", start);
      b.put("end_time", start + 86_400);
    } else {
      b.put("starting_at", day.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
      b.put("ending_at", day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
    }
    b.putArray("results").addAll(results);
    return b;
  }

  private static byte[] page(ArrayNode buckets, boolean openAi) {
    if (buckets.isEmpty()) {
      return null;
    }
    ObjectNode page = JSON.createObjectNode();
    if (openAi) {
      page.put("object", "page");
    }
    page.set("data", buckets);
    page.put("has_more", false);
    page.putNull("next_page");
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
