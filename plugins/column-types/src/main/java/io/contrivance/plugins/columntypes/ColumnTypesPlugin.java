package io.contrivance.plugins.columntypes;

import io.contrivance.api.ColumnTypeExtension;
import io.contrivance.api.ColumnTypeSpec;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ColumnTypeProvider;
import io.contrivance.core.type.TypeSettings;
import java.util.List;
import java.util.function.Function;
import org.pf4j.Extension;

/** The plugin's one extension: its three column types. */
@Extension
public final class ColumnTypesPlugin implements ColumnTypeExtension {

  @Override
  public List<ColumnTypeSpec> columnTypes() {
    return List.of(
        new ColumnTypeSpec(provider(RatingType.ID, RatingType::of), "Rating", List.of(new ColumnTypeSpec.Setting("max", "integer", "the most stars, 2 to 10", 5)), "stars"),
        new ColumnTypeSpec(provider(DurationType.ID, s -> new DurationType()), "Duration", List.of(), "duration"),
        new ColumnTypeSpec(provider(CountryType.ID, s -> new CountryType()), "Country", List.of(), "text"));
  }

  private static ColumnTypeProvider provider(String id, Function<TypeSettings, ColumnType> create) {
    return new ColumnTypeProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public ColumnType create(TypeSettings settings) {
        return create.apply(settings);
      }
    };
  }
}
