package io.contrivance.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Adds column types. Each type is a core {@link io.contrivance.core.type.ColumnType} (it reads and
 * shows values, checks them, orders them for rules and sorting, and stores them as one of the
 * core's value kinds, which fixes how they travel as JSON) plus what an application needs to offer
 * it to people: a label, the settings it accepts and the editor the UI should use.
 */
public interface ColumnTypeExtension extends ExtensionPoint {

  /** The types this extension adds; their ids must not clash with the core's or another plugin's. */
  List<ColumnTypeSpec> columnTypes();
}
