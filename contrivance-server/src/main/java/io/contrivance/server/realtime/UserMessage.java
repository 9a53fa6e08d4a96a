package io.contrivance.server.realtime;

/**
 * A message for one user's open pages, whichever instance holds their sockets: fired on every
 * instance (this one and, through Kafka, the others) by {@link Rooms#toUser}.
 */
public record UserMessage(String userId, String json) {}
