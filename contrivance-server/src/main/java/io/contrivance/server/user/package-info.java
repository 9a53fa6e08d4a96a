/**
 * Accounts: users with normalized email addresses and slow-hashed passwords ({@link
 * io.contrivance.server.user.Accounts}, {@link io.contrivance.server.user.Passwords}; the first user
 * becomes admin) and their roles. Knows nothing of sessions or tokens: {@code auth} builds on it.
 */
package io.contrivance.server.user;
