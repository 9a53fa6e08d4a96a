/**
 * The {@code email} notification channel over SMTP: one mail per notification, or one digest per
 * person per day, each as HTML with a plain-text alternative. Jakarta Mail and Eclipse Angus ship
 * inside the plugin jar; the application gives the SMTP settings through the plugin's
 * configuration ({@link EmailSettings}) and retries a failed send through its job queue.
 */
package io.contrivance.plugins.email;
