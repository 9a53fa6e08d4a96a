/**
 * Accounts: users with normalized email addresses and slow-hashed passwords ({@link
 * io.contrivance.server.user.Accounts}; the first user becomes admin), their roles, and the users
 * API (search, read, change and delete oneself, or anyone as an admin).
 */
package io.contrivance.server.user;
