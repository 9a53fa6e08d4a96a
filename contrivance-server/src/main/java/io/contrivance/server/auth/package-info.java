/**
 * Who is asking and what they may do: sign-up and sign-in ({@link
 * io.contrivance.server.auth.AuthResource}), sessions with rotating single-use refresh tokens
 * ({@link io.contrivance.server.auth.Sessions} and its two tables), RS256 access tokens signed with
 * the server's key ({@link io.contrivance.server.auth.SigningKeys}, {@link
 * io.contrivance.server.auth.AccessTokens}), the request filter that verifies them ({@link
 * io.contrivance.server.auth.AuthFilter}), and the users API ({@link
 * io.contrivance.server.auth.UsersResource}: search, read, change and delete oneself, or anyone as an
 * admin), which lives here because changing an account ends its sessions. Every endpoint is either
 * {@link io.contrivance.server.auth.Authenticated} or {@link io.contrivance.server.auth.Public}; a
 * unit test fails the build for one that is neither. Login attempts are throttled per account and
 * per address.
 *
 * <p>Depends on {@code user} (the accounts), never the other way round.
 */
package io.contrivance.server.auth;
