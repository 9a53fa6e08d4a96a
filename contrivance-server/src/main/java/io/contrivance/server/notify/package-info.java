/**
 * Notifications: what happened that concerns someone, kept per person, pushed to their open pages
 * and, by their preference, sent by email at once or in a daily digest.
 *
 * <p>Events become notifications here ({@link DealWatch}): a sheet shared with you (in the sharing
 * request's transaction), and, from committed sheet changes (observed asynchronously, so an edit
 * never waits for them), a deal assigned to you (its Owner cell set to your name or email), a
 * stage change of a deal you own made by someone else, an {@code @mention} of you in a cell, and,
 * checked daily, a deal of yours whose expected close date passed while it is still open. Only
 * people who can see the sheet are told.
 *
 * <p>{@link Notifications} owns the tables. A notification for email is sent by a job
 * ({@link EmailJobs}) through whichever started plugin provides the {@code email} channel, so a
 * failing SMTP server means retries with backoff, and a mail goes out once even if a worker dies
 * after sending it. The push goes to this instance's sockets after the notification is committed
 * ({@link NotificationPush}).
 */
package io.contrivance.server.notify;
