/**
 * The forecasting engine: deals read from a sheet through a {@link
 * io.contrivance.core.forecast.DealMapping}, a {@link io.contrivance.core.forecast.StageModel}, and
 * from them the period forecast by category with roll-ups and quota attainment ({@link
 * io.contrivance.core.forecast.Forecaster}), win rate, deal size, cycle and velocity ({@link
 * io.contrivance.core.forecast.Metrics}), a seeded {@link io.contrivance.core.forecast.MonteCarlo}
 * and, from each deal's {@link io.contrivance.core.forecast.DealHistory}: the pipeline as of a past
 * day, stage-to-stage conversion ({@link io.contrivance.core.forecast.Funnel}), calibrated
 * probabilities, stage aging and stale deals, slipped deals, the period-over-period {@link
 * io.contrivance.core.forecast.Waterfall}, and a Holt {@link io.contrivance.core.forecast.TrendForecast}
 * of won revenue.
 *
 * <p>Every figure comes with the deals behind it; deals that cannot be counted are reported as
 * excluded with the reason. Pure and deterministic: no clock, no I/O; the caller says which period
 * and which day is today. Amounts are exact ({@code BigDecimal}) except in the Monte Carlo and the
 * trend, which are statistical estimates in {@code double}.
 */
package io.contrivance.core.forecast;
