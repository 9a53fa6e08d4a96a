/**
 * The forecast over REST: each sheet's stage model and column mapping, quotas, and the core
 * forecasting engine's figures computed from the live sheet and its audit log. Resources parse and
 * check; {@link io.contrivance.server.forecast.PipelineInputs} reads deals and histories;
 * {@link io.contrivance.server.forecast.ForecastJson} writes the core's results in the wire shape.
 */
package io.contrivance.server.forecast;
