package io.contrivance.server.web;

import io.contrivance.core.type.InvalidDefinitionException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into the error envelope. Bad input never yields a 500 or a stack trace:
 * malformed JSON is a 400, unknown paths 404, and anything unexpected a 500 whose body carries only
 * an incident id that is also in the server log.
 */
public final class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

  private ErrorMappers() {}

  static Response respond(Response.StatusType status, String code, String message, List<ApiError.Detail> details) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(code, message, details)).build();
  }

  @Provider
  public static final class Api implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
      Object entity = ApiError.of(e.code(), e.getMessage(), e.details());
      if (e.current() != null) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", ((ApiError) entity).error());
        body.put("current", e.current());
        entity = body;
      }
      Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(entity);
      e.headers().forEach(response::header);
      return response.build();
    }
  }

  @Provider
  public static final class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      if (e instanceof NotFoundException) {
        return respond(Response.Status.NOT_FOUND, "not_found", "There is nothing at this address", List.of());
      }
      if (e instanceof NotAllowedException) {
        return respond(Response.Status.METHOD_NOT_ALLOWED, "method_not_allowed", "This address does not accept that method", List.of());
      }
      if (e instanceof NotSupportedException) {
        return respond(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send JSON (Content-Type: application/json)", List.of());
      }
      Throwable cause = e.getCause();
      if (cause instanceof JsonbException || cause instanceof ProcessingException || e instanceof BadRequestException) {
        return respond(Response.Status.BAD_REQUEST, "invalid_json", "The request body is not valid JSON of the expected shape", List.of());
      }
      Response.StatusType status = e.getResponse().getStatusInfo();
      return respond(status, status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_'), status.getReasonPhrase(), List.of());
    }
  }

  @Provider
  public static final class Definition implements ExceptionMapper<InvalidDefinitionException> {
    @Override
    public Response toResponse(InvalidDefinitionException e) {
      return respond(
          ApiException.Status.UNPROCESSABLE_ENTITY,
          "invalid_definition",
          "The sheet or column definition cannot work",
          e.problems().stream().map(p -> ApiError.Detail.of("definition", p)).toList());
    }
  }

  @Provider
  public static final class Json implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      return respond(Response.Status.BAD_REQUEST, "invalid_json", "The request body is not valid JSON of the expected shape", List.of());
    }
  }

  @Provider
  public static final class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      if (e instanceof PersistenceException && e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("could not serialize")) {
        return respond(Response.Status.CONFLICT, "concurrent_update", "Another change got there first; try again", List.of());
      }
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
      return respond(
          Response.Status.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side (incident " + incident + ")", List.of());
    }
  }
}
