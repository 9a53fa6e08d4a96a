package io.contrivance.server.plugin;

import io.contrivance.api.InvalidPluginException;
import io.contrivance.api.PluginJar;
import io.contrivance.server.auth.AdminsOnly;
import io.contrivance.server.auth.Authenticated;
import io.contrivance.server.auth.CurrentUser;
import io.contrivance.server.web.ApiError;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.ApiResponse;
import io.contrivance.server.web.Checks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admins' API over the installed plugins; everyone else gets 403. */
@Path("/admin/plugins")
@RequestScoped
@Authenticated
@AdminsOnly
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Plugins")
public class PluginsResource {

  /** The media type of a jar as a request body. */
  static final String JAR = "application/java-archive";

  @Inject PluginHost host;
  @Inject CurrentUser currentUser;

  /** The envelope of one plugin, for the API description. */
  public record PluginAnswer(boolean success, PluginHost.Plugin data) {}

  /** The multipart form of an upload, for the API description. */
  public record PluginUpload(@Schema(type = SchemaType.STRING, format = "binary", description = "the plugin jar") String file) {}

  /** The envelope of the plugin list, for the API description. */
  public record PluginList(boolean success, List<PluginHost.Plugin> data) {}

  @GET
  @Operation(operationId = "listPlugins", summary = "Every installed plugin: its state (started, disabled, failed), what it provides and, if it failed, why")
  @APIResponse(responseCode = "200", description = "The plugins", content = @Content(schema = @Schema(implementation = PluginList.class)))
  public ApiResponse<List<PluginHost.Plugin>> list() {
    currentUser.requireAdmin();
    return ApiResponse.of(host.plugins());
  }

  @POST
  @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
  @Operation(operationId = "installPlugin", summary = "Install a plugin jar sent as the body, and start it; nothing is copied until the jar is checked")
  @RequestBody(required = true, content = @Content(mediaType = JAR, schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "201", description = "Installed", content = @Content(schema = @Schema(implementation = PluginAnswer.class)))
  public Response install(InputStream jar) {
    currentUser.requireAdmin();
    return installFrom(jar);
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(operationId = "uploadPlugin", summary = "Install a plugin jar sent as the multipart field 'file', and start it")
  @APIResponse(responseCode = "201", description = "Installed", content = @Content(schema = @Schema(implementation = PluginAnswer.class)))
  @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = PluginUpload.class)))
  public Response upload(List<EntityPart> parts) {
    currentUser.requireAdmin();
    EntityPart file = parts.stream().filter(p -> p.getName().equals("file")).findFirst()
        .orElseThrow(() -> ApiException.invalid("The upload has no plugin", List.of(ApiError.Detail.of("file", "send the jar as the multipart field 'file'"))));
    return installFrom(file.getContent());
  }

  private Response installFrom(InputStream body) {
    // The upload is read outside the plugins directory and checked there; only a good jar is copied in.
    var upload = temporaryFile();
    try {
      try (OutputStream out = Files.newOutputStream(upload)) {
        copyAtMost(body, out, PluginJar.MAX_BYTES);
      }
      PluginHost.Plugin installed = host.install(upload);
      return Response.status(Response.Status.CREATED).entity(ApiResponse.of(installed)).build();
    } catch (InvalidPluginException e) {
      throw ApiException.invalid("The plugin jar is not valid", List.of(ApiError.Detail.of(e.field(), e.getMessage())));
    } catch (PluginHost.AlreadyInstalled e) {
      throw ApiException.conflict("plugin_exists", e.getMessage() + "; remove it first to replace it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(upload);
      } catch (IOException e) {
        // a temporary file; the system's cleanup takes it
      }
    }
  }

  /** In full: {@code Path} in this class is the JAX-RS annotation. */
  private static java.nio.file.Path temporaryFile() {
    try {
      return Files.createTempFile("contrivance-plugin", ".jar");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the body, refusing it once it passes the limit. */
  private static void copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > limit) {
        throw ApiException.invalid("The plugin jar is too large", List.of(ApiError.Detail.of("file", "a plugin jar may be at most " + limit / (1024 * 1024) + " MB")));
      }
      out.write(buffer, 0, n);
    }
    if (total == 0) {
      throw ApiException.invalid("The plugin jar is empty", List.of(ApiError.Detail.of("file", "send the jar as the request body")));
    }
  }

  @POST
  @Path("/{id}/enable")
  @Operation(operationId = "enablePlugin", summary = "Start a plugin and keep it enabled across restarts")
  @APIResponse(responseCode = "200", description = "Enabled", content = @Content(schema = @Schema(implementation = PluginAnswer.class)))
  public ApiResponse<PluginHost.Plugin> enable(@PathParam("id") String id) {
    currentUser.requireAdmin();
    try {
      return ApiResponse.of(ApiException.found(host.enable(id), "The plugin"));
    } catch (InvalidPluginException e) {
      throw ApiException.invalid("The plugin is not configured", List.of(ApiError.Detail.of(e.field(), e.getMessage())));
    }
  }

  /** A plugin's configuration as admins see it: secrets only as set or not. */
  public record PluginConfigView(String id, List<PluginHost.ConfigValue> fields) {}

  public record PluginConfigAnswer(boolean success, PluginConfigView data) {}

  /** Settings to change, by name, for the API description: values are strings, numbers, booleans, or null to clear. */
  @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class, description = "setting name → value (string, number or boolean; null clears it)")
  public record PluginSettingsChange() {}

  @GET
  @Path("/{id}/config")
  @Operation(operationId = "getPluginConfig", summary = "A plugin's settings and their values; secret values are never returned, only whether they are set")
  @APIResponse(responseCode = "200", description = "The configuration", content = @Content(schema = @Schema(implementation = PluginConfigAnswer.class)))
  public ApiResponse<PluginConfigView> config(@PathParam("id") String id) {
    currentUser.requireAdmin();
    return ApiResponse.of(new PluginConfigView(id, ApiException.found(host.config(id), "The plugin")));
  }

  @PUT
  @Path("/{id}/config")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "configurePlugin", summary = "Set a plugin's settings: {\"name\": value, …}; null clears one, settings not named keep their values")
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PluginSettingsChange.class), examples = @ExampleObject(name = "SMTP", value = "{\"smtp.host\":\"mail.example.com\",\"smtp.port\":587,\"smtp.starttls\":true,\"smtp.username\":\"crm\",\"smtp.password\":\"…\",\"from\":\"crm@example.com\"}")))
  @APIResponse(responseCode = "200", description = "Configured", content = @Content(schema = @Schema(implementation = PluginConfigAnswer.class)))
  public ApiResponse<PluginConfigView> configure(@PathParam("id") String id, JsonObject body) {
    currentUser.requireAdmin();
    Checks.body(body);
    ApiException.found(host.plugin(id), "The plugin");
    Map<String, String> changes = new LinkedHashMap<>();
    List<ApiError.Detail> problems = new ArrayList<>();
    body.forEach((name, value) -> {
      switch (value.getValueType()) {
        case NULL -> changes.put(name, null);
        case STRING -> changes.put(name, ((JsonString) value).getString());
        case NUMBER, TRUE, FALSE -> changes.put(name, value.toString());
        default -> problems.add(ApiError.Detail.of(name, "must be a string, number, boolean or null"));
      }
    });
    host.configure(id, changes).forEach((name, problem) -> problems.add(ApiError.Detail.of(name, problem)));
    if (!problems.isEmpty()) {
      throw ApiException.invalid("The configuration has invalid fields", problems);
    }
    return ApiResponse.of(new PluginConfigView(id, host.config(id).orElseThrow()));
  }

  @POST
  @Path("/{id}/disable")
  @Operation(operationId = "disablePlugin", summary = "Stop a plugin and keep it disabled across restarts; columns of its types keep their values")
  @APIResponse(responseCode = "200", description = "Disabled", content = @Content(schema = @Schema(implementation = PluginAnswer.class)))
  public ApiResponse<PluginHost.Plugin> disable(@PathParam("id") String id) {
    currentUser.requireAdmin();
    return ApiResponse.of(ApiException.found(host.disable(id), "The plugin"));
  }

  @DELETE
  @Path("/{id}")
  @Operation(operationId = "removePlugin", summary = "Stop, unload and delete a plugin; columns of its types keep their values")
  @APIResponse(responseCode = "204", description = "Removed")
  public Response remove(@PathParam("id") String id) {
    currentUser.requireAdmin();
    ApiException.unlessFound(host.remove(id), "The plugin");
    return Response.noContent().build();
  }
}
