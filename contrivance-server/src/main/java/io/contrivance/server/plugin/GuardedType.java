package io.contrivance.server.plugin;

import io.contrivance.core.type.CellValue;
import io.contrivance.core.type.ColumnType;
import io.contrivance.core.type.ColumnTypeProvider;
import io.contrivance.core.type.InvalidDefinitionException;
import io.contrivance.core.type.ParseResult;
import io.contrivance.core.type.TextFormat;
import io.contrivance.core.type.ValueKind;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A plugin's column type behind a guard: whatever its code throws becomes a refusal of the value
 * ({@code plugin_failed}, naming the plugin) and a stack trace in the log, never a failed request.
 * Reading, checking and converting a value (what a write does once per cell) run within the
 * plugin's time budget ({@link PluginCalls}); showing and ordering values, done many times per
 * read and sort, run inline, guarded against throws only. Equal to another guarded type when their
 * plugin types are equal.
 */
final class GuardedType implements ColumnType {

  static final String PLUGIN_FAILED = "plugin_failed";

  private static final Logger LOG = Logger.getLogger(GuardedType.class.getName());

  private final String pluginId;
  private final ColumnType type;
  private final PluginCalls calls;

  private GuardedType(String pluginId, ColumnType type, PluginCalls calls) {
    this.pluginId = pluginId;
    this.type = type;
    this.calls = calls;
  }

  /** A provider whose types are guarded, and whose own failures become invalid definitions. */
  static ColumnTypeProvider provider(String pluginId, ColumnTypeProvider provider, PluginCalls calls) {
    return ColumnTypeProvider.of(
        provider.id(),
        settings -> {
          try {
            return new GuardedType(pluginId, provider.create(settings), calls);
          } catch (InvalidDefinitionException e) {
            throw e;
          } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "plugin " + pluginId + " failed to create column type " + provider.id(), e);
            throw new InvalidDefinitionException("the plugin '" + pluginId + "' failed to create the column type '" + provider.id() + "' (" + PLUGIN_FAILED + ")");
          }
        });
  }

  /** The plugin's answer within its time budget, or a refusal naming the plugin if its code threw or overran. */
  private ParseResult guarded(String what, Supplier<ParseResult> call) {
    try {
      return calls.call(call::get);
    } catch (PluginCalls.Overrun e) {
      LOG.warning("plugin " + pluginId + " did not " + what + " a value of column type " + type.id() + " in time: " + e.getMessage());
      return ParseResult.invalid(PLUGIN_FAILED, e.getMessage() + " to " + what + " the value");
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "plugin " + pluginId + " failed to " + what + " a value of column type " + type.id(), e.getCause());
      return ParseResult.invalid(PLUGIN_FAILED, "the plugin '" + pluginId + "' failed to " + what + " the value; the error is in the server log");
    }
  }

  /** The plugin's answer, or what stands for it if its code threw (logged with the stack trace). */
  private <T> T guarded(String what, Supplier<T> call, Function<Throwable, T> instead) {
    try {
      return call.get();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "plugin " + pluginId + " failed to " + what + " a value of column type " + type.id(), e);
      return instead.apply(e);
    }
  }

  @Override
  public String id() {
    return type.id();
  }

  @Override
  public ValueKind kind() {
    return type.kind();
  }

  @Override
  public Map<String, Object> settings() {
    return type.settings();
  }

  @Override
  public ParseResult parse(String text, TextFormat format) {
    return guarded("read", () -> type.parse(text, format));
  }

  @Override
  public String format(CellValue value, TextFormat format) {
    return guarded("show", () -> type.format(value, format), e -> String.valueOf(value));
  }

  @Override
  public ParseResult accept(CellValue value) {
    return guarded("check", () -> type.accept(value));
  }

  @Override
  public ParseResult convert(CellValue value, ColumnType from) {
    return guarded("convert", () -> type.convert(value, from));
  }

  @Override
  public int compare(CellValue a, CellValue b) {
    try {
      return type.compare(a, b);
    } catch (IllegalArgumentException e) {
      throw e; // "no order between them", as the contract says
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "plugin " + pluginId + " failed to order values of column type " + type.id(), e);
      throw new IllegalArgumentException("the plugin '" + pluginId + "' failed to order the values", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GuardedType guarded && guarded.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return type + " (plugin " + pluginId + ")";
  }
}
