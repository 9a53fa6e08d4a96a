/**
 * What every resource shares: the success envelope ({@link io.contrivance.server.web.ApiResponse}),
 * the one error envelope with machine-readable codes and field details ({@link
 * io.contrivance.server.web.ApiError}, {@link io.contrivance.server.web.ApiException}, mapped by
 * {@link io.contrivance.server.web.ErrorMappers} so that bad input never becomes a 500), field checks
 * that collect every problem before answering ({@link io.contrivance.server.web.Checks}), paging,
 * request size limits, CORS, and the JSON configuration (snake_case names, plain decimals).
 */
package io.contrivance.server.web;
