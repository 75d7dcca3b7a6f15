package io.tokenlens.registry;

/** Avro schemas the tests register: one record type in its successive shapes. */
final class Schemas {
  /** {@code Usage} with a string {@code model}. */
  static final String V1 =
      """
      {"type":"record","name":"Usage","namespace":"io.tokenlens.test","fields":[
        {"name":"model","type":"string"}]}""";

  /** V1 written differently: same schema. */
  static final String V1_REFORMATTED =
      """
      {
        "namespace" : "io.tokenlens.test",
        "type" : "record",
        "name" : "Usage",
        "fields" : [ { "type" : "string", "name" : "model" } ]
      }""";

  /** V1 plus an optional {@code tokens} field: backward and forward compatible. */
  static final String V2_OPTIONAL_FIELD =
      """
      {"type":"record","name":"Usage","namespace":"io.tokenlens.test","fields":[
        {"name":"model","type":"string"},
        {"name":"tokens","type":["null","long"],"default":null}]}""";

  /** V1 plus a required {@code tokens} field: not backward compatible. */
  static final String V2_REQUIRED_FIELD =
      """
      {"type":"record","name":"Usage","namespace":"io.tokenlens.test","fields":[
        {"name":"model","type":"string"},
        {"name":"tokens","type":"long"}]}""";

  /** V1 with {@code model} an int: compatible with nothing. */
  static final String V2_TYPE_CHANGED =
      """
      {"type":"record","name":"Usage","namespace":"io.tokenlens.test","fields":[
        {"name":"model","type":"int"}]}""";

  /** V2_OPTIONAL_FIELD without {@code model}: backward compatible, not forward (no default). */
  static final String V3_MODEL_REMOVED =
      """
      {"type":"record","name":"Usage","namespace":"io.tokenlens.test","fields":[
        {"name":"tokens","type":["null","long"],"default":null}]}""";

  /** Another record type altogether. */
  static final String OTHER =
      """
      {"type":"record","name":"Other","namespace":"io.tokenlens.test","fields":[
        {"name":"id","type":"string"}]}""";

  /** A record type no other test registers. */
  static String unique() {
    return """
        {"type":"record","name":"U%s","namespace":"io.tokenlens.test","fields":[
          {"name":"id","type":"string"}]}"""
        .formatted(java.util.UUID.randomUUID().toString().replace("-", ""));
  }

  private Schemas() {}
}
