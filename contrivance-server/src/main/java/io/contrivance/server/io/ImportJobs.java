package io.contrivance.server.io;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.core.Sheet;
import io.contrivance.core.sheet.Origin;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.server.job.JobContext;
import io.contrivance.server.job.JobHandler;
import io.contrivance.server.sheet.RowLookup;
import io.contrivance.server.sheet.SheetRole;
import io.contrivance.server.sheet.Sheets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs imports and their undos on the job queue, so that a long import survives the request that
 * started it and, after a crash, is taken up again (by any instance) from its last checkpoint.
 */
@ApplicationScoped
public class ImportJobs implements JobHandler {

  static final String RUN = "import";
  static final String UNDO = "import.undo";

  private static final Logger LOG = Logger.getLogger(ImportJobs.class.getName());

  @Inject Imports imports;
  @Inject RowLookup lookup;
  @Inject Sheets sheets;

  @Override
  public String kind() {
    return RUN;
  }

  @Override
  public boolean handles(String kind) {
    return kind.equals(RUN) || kind.equals(UNDO);
  }

  @Override
  public Collection<String> readyKinds() {
    return List.of(RUN, UNDO);
  }

  @Override
  public void run(JobContext context) throws Exception {
    String id;
    try (var reader = JSON.createReader(new StringReader(context.job().payload()))) {
      id = reader.readObject().getString("import");
    }
    Optional<Imports.Import> found = imports.find(id);
    if (found.isEmpty()) {
      return;
    }
    Imports.Import imp = found.get();
    boolean undo = context.job().kind().equals(UNDO);
    String expected = undo ? "undoing" : "running";
    if (!imp.state().equals(expected)) {
      return;
    }
    Optional<Sheet> sheet = sheets.workbook().open(SheetId.of(imp.sheetId()));
    if (sheet.isEmpty() || !sheets.roleOf(imp.userId(), imp.sheetId()).map(r -> r.atLeast(SheetRole.EDITOR)).orElse(false)) {
      imports.transition(id, expected, undo ? "done" : "failed", sheet.isEmpty() ? "The sheet was deleted" : "The user who started the import may no longer edit the sheet");
      imports.dropFile(id);
      return;
    }
    // The import is taken back as a whole (its own undo), not batch by batch from the user's history.
    ImportRun run = new ImportRun(imports, lookup, sheet.get().as(Origin.user(imp.userId())).withoutUndo(), imp);
    try {
      if (undo) {
        run.revert();
        imports.transition(id, "undoing", "undone", null);
        return;
      }
      ImportRun.Outcome outcome = run.run();
      switch (outcome) {
        case DONE -> imports.transition(id, "running", "done", null);
        case CANCELLED -> imports.transition(id, "running", "cancelled", null);
        case FAILED -> imports.transition(id, "running", "failed", run.failure());
      }
      imports.dropFile(id);
    } catch (Exception e) {
      if (!context.lastAttempt()) {
        throw e;
      }
      LOG.log(Level.WARNING, "import " + id + " failed on its last try", e);
      if (!undo) {
        try {
          run.revert();
        } catch (RuntimeException again) {
          LOG.log(Level.WARNING, "import " + id + ": could not take back what it wrote", again);
        }
      }
      imports.transition(id, expected, undo ? "done" : "failed", (undo ? "The undo" : "The import") + " could not finish: " + e.getMessage());
      if (!undo) {
        imports.dropFile(id);
      }
    }
  }

  static String payload(String importId) {
    JsonObject json = JSON.createObjectBuilder().add("import", importId).build();
    return json.toString();
  }
}
