package io.contrivance.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification for one person, as a channel delivers it.
 *
 * @param id unique; a channel may use it to recognise a notification it was handed twice
 * @param category {@code sharing}, {@code assignment}, {@code deal_stage}, {@code deal_slipped} or {@code mention}
 * @param title one line, e.g. "Ada shared “Q3 deals” with you"
 * @param body a sentence or two of plain text
 * @param link an absolute URL to what it is about (null: none)
 */
public record Notification(String id, String category, String title, String body, String link, Instant createdAt) {

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
