package io.contrivance.plugins.columntypes;

import io.contrivance.api.ColumnTypeExtension;
import io.contrivance.api.ColumnTypeSpec;
import io.contrivance.core.type.ColumnTypeProvider;
import java.util.List;
import org.pf4j.Extension;

/** The plugin's one extension: its three column types. */
@Extension
public final class ColumnTypesPlugin implements ColumnTypeExtension {

  @Override
  public List<ColumnTypeSpec> columnTypes() {
    return List.of(
        new ColumnTypeSpec(ColumnTypeProvider.of(RatingType.ID, RatingType::of), "Rating", List.of(new ColumnTypeSpec.Setting("max", "integer", "the most stars, 2 to 10", 5)), "stars"),
        new ColumnTypeSpec(ColumnTypeProvider.of(DurationType.ID, s -> new DurationType()), "Duration", List.of(), "duration"),
        new ColumnTypeSpec(ColumnTypeProvider.of(CountryType.ID, s -> new CountryType()), "Country", List.of(), "text"));
  }
}
