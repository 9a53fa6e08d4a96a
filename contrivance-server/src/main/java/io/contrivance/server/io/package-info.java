/**
 * Import and export of sheets as files. Export streams a sheet, or a view of it, as CSV (RFC 4180,
 * UTF-8, an optional byte-order mark for Excel) or XLSX with typed cells, walking the rows a page at
 * a time ({@code RowPages.forEach}) so that a sheet of any size leaves the server in constant
 * memory. CSV is written by FastCSV and XLSX by FastExcel, both streaming writers.
 */
package io.contrivance.server.io;
