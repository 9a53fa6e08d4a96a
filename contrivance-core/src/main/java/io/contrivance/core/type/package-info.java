/**
 * Cell values and column types.
 *
 * <p>A {@link io.contrivance.core.type.CellValue} is one of a closed set of immutable value kinds
 * (text, decimal, money, percent, date, date-time, boolean, choice, choices, blank). A
 * {@link io.contrivance.core.type.ColumnType} is open: it gives a column its meaning (an email is
 * text that must look like an address) by parsing text into one of those kinds, formatting it back,
 * and checking typed values. Built-in types come from {@link io.contrivance.core.type.ColumnTypes};
 * plugins add their own through {@link io.contrivance.core.type.ColumnTypeProvider} and a
 * {@link io.contrivance.core.type.ColumnTypeRegistry}.
 *
 * <p>Nothing here reads the machine's default locale or time zone: separators and date order come
 * from an explicit {@link io.contrivance.core.type.TextFormat}, zones from the column.
 *
 * <p>Implementations of the built-in types are package-private; only their factories are public.
 */
package io.contrivance.core.type;
