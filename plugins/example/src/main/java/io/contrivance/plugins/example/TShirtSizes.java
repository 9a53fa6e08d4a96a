package io.contrivance.plugins.example;

import io.contrivance.api.ColumnTypeExtension;
import io.contrivance.api.ColumnTypeSpec;
import io.contrivance.core.type.ColumnTypeProvider;
import java.util.List;
import org.pf4j.Extension;

/** The plugin's one extension: the {@code tshirt} column type, edited as a choice of sizes. */
@Extension
public final class TShirtSizes implements ColumnTypeExtension {

  @Override
  public List<ColumnTypeSpec> columnTypes() {
    return List.of(new ColumnTypeSpec(ColumnTypeProvider.of(TShirtSizeType.ID, settings -> new TShirtSizeType()), "T-shirt size", List.of(), "text"));
  }
}
