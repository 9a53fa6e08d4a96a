package io.contrivance.server.forecast;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters that choose a period and whose deals: {@code ?period=quarter&date=2026-10-01&owner=ada}. */
public class PeriodParams {

  @Parameter(description = ForecastResource.PERIOD)
  @QueryParam("period")
  String period;

  @Parameter(description = ForecastResource.DATE)
  @QueryParam("date")
  String date;

  @Parameter(description = ForecastResource.OWNER)
  @QueryParam("owner")
  String owner;
}
