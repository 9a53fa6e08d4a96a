/**
 * The column types this plugin adds: {@code rating} (whole stars from 1 to a maximum, 5 by
 * default), {@code duration} (a span of time typed as {@code 1h 30m}, {@code 90m} or {@code 1:30},
 * stored as whole seconds so that it sums, sorts and compares as a number) and {@code country} (an
 * ISO 3166-1 alpha-2 code, typed as the code or the country's English name). Each stores one of the
 * core's value kinds, so rules, sorting, filters and JSON work on them as on built-in types.
 */
package io.contrivance.plugins.columntypes;
