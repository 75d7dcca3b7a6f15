package io.tokenlens.sink;

/** A ClickHouse user name and its password; the password never appears in {@link #toString()}. */
public record ClickHouseCredentials(String user, String password) {

  public ClickHouseCredentials {
    password = password == null ? "" : password;
  }

  @Override
  public String toString() {
    return "ClickHouseCredentials[" + user + ", password redacted]";
  }
}
