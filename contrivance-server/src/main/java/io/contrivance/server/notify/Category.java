package io.contrivance.server.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kinds of notification, with how each is delivered until its person says otherwise. */
public final class Category {

  public static final String SHARING = "sharing";
  public static final String ASSIGNMENT = "assignment";
  public static final String DEAL_STAGE = "deal_stage";
  public static final String DEAL_SLIPPED = "deal_slipped";
  public static final String MENTION = "mention";

  public static final List<String> ALL = List.of(SHARING, ASSIGNMENT, DEAL_STAGE, DEAL_SLIPPED, MENTION);

  /** In the app only, by email at once (and in the app), in the daily digest (and in the app), or not at all. */
  public static final List<String> DELIVERIES = List.of("in_app", "email", "digest", "off");

  /** What concerns someone directly comes by email; updates on their deals stay in the app. */
  static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(SHARING, "email");
    defaults.put(ASSIGNMENT, "email");
    defaults.put(DEAL_STAGE, "in_app");
    defaults.put(DEAL_SLIPPED, "digest");
    defaults.put(MENTION, "email");
    DEFAULTS = Map.copyOf(defaults);
  }

  private Category() {}
}
