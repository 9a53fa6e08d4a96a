/**
 * The forecasting engine, first part: deals, the stage model and the period forecast by category
 * with its roll-ups and quota attainment, every figure with the deals and terms that produced it.
 * Pure and deterministic: no clock, no I/O; the caller says which period.
 */
package io.contrivance.core.forecast;
