/**
 * Who is asking: sign-up and sign-in ({@link io.contrivance.server.auth.AuthResource}), sessions
 * with rotating single-use refresh tokens ({@link io.contrivance.server.auth.Sessions}), RS256
 * access tokens signed with the server's key ({@link io.contrivance.server.auth.SigningKeys},
 * {@link io.contrivance.server.auth.AccessTokens}), and the request filter that verifies them
 * ({@link io.contrivance.server.auth.AuthFilter}). Every endpoint is either {@link
 * io.contrivance.server.auth.Authenticated} or {@link io.contrivance.server.auth.Public}; a unit test
 * fails the build for one that is neither. Login attempts are throttled per account and per address.
 */
package io.contrivance.server.auth;
