import { useState } from "react";
import type { SavedView, ViewSettings } from "../model/types";
import { sameSettings } from "../model/views";

/**
 * The sheet's saved views: pick one to show the rows and columns it keeps, save what the grid shows
 * now under a name, update or delete the view in use. Everyone who can read the sheet sees them;
 * editors change them.
 */
export function SavedViewsMenu({
  views,
  active,
  current,
  editable,
  onPick,
  onSave,
  onUpdate,
  onDelete,
}: {
  views: SavedView[];
  active: SavedView | null;
  /** What the grid shows now. */
  current: ViewSettings;
  editable: boolean;
  /** A saved view picked, or null for all rows and columns. */
  onPick: (view: SavedView | null) => void;
  /** Resolves to whether it was saved (a refusal is reported by the caller). */
  onSave: (name: string) => Promise<boolean>;
  /** Resolve when done; a refusal is reported by the caller. */
  onUpdate: (view: SavedView) => Promise<unknown>;
  onDelete: (view: SavedView) => Promise<unknown>;
}) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const changed = active !== null && !sameSettings(active, current);

  return (
    <span className="saved-views">
      <select aria-label="Saved view" value={active?.id ?? ""} onChange={(e) => onPick(views.find((v) => v.id === e.target.value) ?? null)}>
        <option value="">All rows</option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      {changed && <span className="muted">(changed)</span>}
      {editable && changed && (
        <button type="button" onClick={() => void onUpdate(active)}>
          Update view
        </button>
      )}
      {editable && active && (
        <button type="button" className="link" aria-label={`Delete the view ${active.name}`} onClick={() => void onDelete(active)}>
          Delete view
        </button>
      )}
      {editable &&
        (naming ? (
          <form
            className="inline"
            aria-label="Save as a view"
            onSubmit={(e) => {
              e.preventDefault();
              void onSave(name.trim()).then((saved) => {
                if (saved) {
                  setNaming(false);
                  setName("");
                }
              });
            }}
          >
            <input aria-label="View name" autoFocus required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} size={14} />
            <button type="submit">Save</button>
            <button type="button" className="link" onClick={() => setNaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setNaming(true)}>
            Save view…
          </button>
        ))}
    </span>
  );
}
