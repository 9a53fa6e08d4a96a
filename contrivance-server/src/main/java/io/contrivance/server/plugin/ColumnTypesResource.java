package io.contrivance.server.plugin;

import io.contrivance.api.ColumnTypeSpec;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.web.ApiResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every column type a user may choose now: the core's and those of started plugins. */
@Path("/column-types")
@RequestScoped
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Spreadsheets")
public class ColumnTypesResource {

  @Inject PluginHost host;

  /** A setting of a column type, as a small schema. */
  public record SettingView(String type, String description, Object defaultValue) {}

  /** A column type as a client offers it. */
  public record ColumnTypeView(String id, String label, Map<String, SettingView> settings, String editor, String providedBy) {}

  public record ColumnTypeList(boolean success, List<ColumnTypeView> data) {}

  private static final List<ColumnTypeView> CORE =
      List.of(
          core("text", "Text", "text", Map.of()),
          core("long_text", "Long text", "text", Map.of()),
          core("number", "Number", "number", Map.of("decimals", new SettingView("integer", "fraction digits shown and kept, 0 to 20", null), "integer", new SettingView("boolean", "whole numbers only", false))),
          core("currency", "Currency", "number", Map.of("currency", new SettingView("string", "the ISO 4217 currency of amounts given as plain numbers", "USD"))),
          core("percent", "Percent", "number", Map.of()),
          core("date", "Date", "date", Map.of()),
          core("datetime", "Date and time", "date", Map.of("zone", new SettingView("string", "the time zone of times typed without one", "UTC"))),
          core("boolean", "Yes / no", "checkbox", Map.of()),
          core("select", "Select", "choice", Map.of("options", new SettingView("strings", "the options, in order", null))),
          core("multi_select", "Multi-select", "choice", Map.of("options", new SettingView("strings", "the options, in order", null))),
          core("email", "Email", "text", Map.of()),
          core("url", "URL", "text", Map.of()),
          core("phone", "Phone", "text", Map.of()));

  private static ColumnTypeView core(String id, String label, String editor, Map<String, SettingView> settings) {
    return new ColumnTypeView(id, label, settings, editor, "core");
  }

  @GET
  @Operation(operationId = "listColumnTypes", summary = "Every column type available now, the core's and the started plugins', with its settings and the editor the UI uses")
  @APIResponse(responseCode = "200", description = "The types", content = @Content(schema = @Schema(implementation = ColumnTypeList.class)))
  public ApiResponse<List<ColumnTypeView>> list() {
    List<ColumnTypeView> types = new ArrayList<>(CORE);
    for (PluginHost.Provided provided : host.catalog().pluginTypes()) {
      ColumnTypeSpec spec = provided.spec();
      Map<String, SettingView> settings = new LinkedHashMap<>();
      spec.settings().forEach(s -> settings.put(s.name(), new SettingView(s.kind(), s.description(), s.defaultValue())));
      types.add(new ColumnTypeView(spec.id(), spec.label(), settings, spec.editor(), provided.pluginId()));
    }
    return ApiResponse.of(types);
  }
}
