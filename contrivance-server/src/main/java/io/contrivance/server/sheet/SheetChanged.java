package io.contrivance.server.sheet;

import io.contrivance.core.sheet.SheetEvent;
import io.contrivance.core.sheet.SheetId;
import java.util.List;

/**
 * A commit of a sheet is durable: its events, fired asynchronously (whoever observes them never
 * slows the edit down) and on this instance only (the instance that committed it).
 */
public record SheetChanged(SheetId sheet, List<SheetEvent> events) {}
