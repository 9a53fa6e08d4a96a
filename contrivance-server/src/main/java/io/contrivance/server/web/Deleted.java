package io.contrivance.server.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What deleting something answers: its id, and that it is gone. */
@Schema(description = "A thing deleted")
public record Deleted(@Schema(required = true) String id, boolean deleted) {}
