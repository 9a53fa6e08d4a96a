package io.contrivance.server.sheet;

/** A sheet was shared with someone, or their role in it changed; fired in the sharing request's transaction. */
public record SheetShared(String sheetId, String sheetName, String actorId, String userId, String role) {}
