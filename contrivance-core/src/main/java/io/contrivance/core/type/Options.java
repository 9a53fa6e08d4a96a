package io.contrivance.core.type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ordered options of a select or multi-select column, matched without regard to letter case
 * or outer white space. Each option has one shared {@link CellValue.Choice} instance, so a million
 * cells holding "Lead" hold one object.
 */
final class Options {

  static final int MAX_OPTIONS = 1_000;
  static final int MAX_OPTION_LENGTH = 200;

  private final List<String> labels;
  private final Map<String, Integer> indexByKey;
  private final CellValue.Choice[] choices;

  Options(List<String> labels, boolean forMultiSelect) {
    var problems = new ArrayList<String>();
    if (labels.isEmpty()) {
      problems.add("a select column needs at least one option");
    }
    if (labels.size() > MAX_OPTIONS) {
      problems.add("a select column can have at most " + MAX_OPTIONS + " options, got " + labels.size());
    }
    var index = new HashMap<String, Integer>();
    var clean = new ArrayList<String>(labels.size());
    for (String label : labels) {
      String option = label == null ? "" : label.strip();
      if (option.isEmpty()) {
        problems.add("options cannot be blank");
        continue;
      }
      if (option.length() > MAX_OPTION_LENGTH) {
        problems.add("option '" + NumberText.shorten(option) + "' is longer than " + MAX_OPTION_LENGTH + " characters");
      }
      if (forMultiSelect && (option.contains(",") || option.contains(";"))) {
        problems.add("multi-select option '" + option + "' cannot contain ',' or ';' (they separate options)");
      }
      if (index.putIfAbsent(key(option), clean.size()) != null) {
        problems.add("option '" + option + "' is listed twice");
        continue;
      }
      clean.add(option);
    }
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    this.labels = List.copyOf(clean);
    this.indexByKey = Map.copyOf(index);
    this.choices = clean.stream().map(CellValue.Choice::new).toArray(CellValue.Choice[]::new);
  }

  List<String> labels() {
    return labels;
  }

  /** The position of the option (0-based), or -1 when it is not one. */
  int indexOf(String option) {
    Integer i = indexByKey.get(key(option.strip()));
    return i == null ? -1 : i;
  }

  /** Whether the value is one of this list's own shared choices (the common case, checked without hashing). */
  boolean isOwn(CellValue value) {
    for (CellValue.Choice choice : choices) {
      if (choice == value) {
        return true;
      }
    }
    return false;
  }

  CellValue.Choice choice(int index) {
    return choices[index];
  }

  String describe() {
    List<String> shown = labels.size() <= 10 ? labels : labels.subList(0, 10);
    return String.join(", ", shown) + (labels.size() > 10 ? ", ..." : "");
  }

  ParseResult notAnOption(String option) {
    return ParseResult.invalid(
        ErrorCodes.NOT_AN_OPTION, "'" + NumberText.shorten(option) + "' is not one of the options (" + describe() + ")");
  }

  private static String key(String option) {
    return option.toLowerCase(Locale.ROOT);
  }
}
