package io.contrivance.server.health;

import io.contrivance.server.auth.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/health} in the seed's shape ({@code service}, {@code version}, {@code status}),
 * for clients written against it; {@code /health} (MicroProfile Health) stays for orchestrators.
 * The fields stand both at the top level and in the usual {@code data} envelope, so a client that
 * reads either finds them.
 */
@Path("/health")
@Public
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Health")
public class ServiceHealthResource {

  static final String SERVICE = "contrivance";
  static final String VERSION = buildVersion();

  @Inject @Readiness DatabaseReadiness database;

  /** The service's state: {@code ok} when its database answers, {@code unavailable} (503) otherwise. */
  public record ServiceHealth(String service, String version, String status, String database) {}

  /** The answer: the envelope, with the same fields at its top level. */
  public record HealthResponse(boolean success, String service, String version, String status, ServiceHealth data) {}

  @GET
  @Operation(operationId = "getHealth", summary = "The service's name, version and status (503 when its database does not answer)")
  @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HealthResponse.class)))
  @APIResponse(responseCode = "503", description = "the database does not answer", content = @Content(schema = @Schema(implementation = HealthResponse.class)))
  public Response health() {
    boolean up = database.call().getStatus() == HealthCheckResponse.Status.UP;
    String status = up ? "ok" : "unavailable";
    ServiceHealth health = new ServiceHealth(SERVICE, VERSION, status, up ? "up" : "down");
    return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(new HealthResponse(up, SERVICE, VERSION, status, health)).build();
  }

  private static String buildVersion() {
    try (InputStream in = ServiceHealthResource.class.getResourceAsStream("build.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
