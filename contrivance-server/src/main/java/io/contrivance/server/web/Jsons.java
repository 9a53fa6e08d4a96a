package io.contrivance.server.web;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static factory methods look the
 * provider up through the service loader on every call; on the write path (cells, events, audit
 * entries) that lookup was the largest single cost of an edit.
 */
public final class Jsons {

  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsons() {}
}
