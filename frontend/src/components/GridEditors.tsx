import { GridCellKind, type GridCell, type ProvideEditorCallbackResult, type ProvideEditorComponent, type TextCell } from "@glideapps/glide-data-grid";
import { useMemo, useState } from "react";
import type { Column } from "../model/types";
import { splitChoices } from "../model/values";

/**
 * A text cell that knows its column, so that the grid can open the column's own editor. The text is
 * still what is copied, searched and read out; the editors below only help to write it.
 */
export type ColumnTextCell = TextCell & { readonly column: Column };

/** The typed editor for a cell of the grid, or undefined for Glide's own text editor. */
export function typedEditor(cell: GridCell): ProvideEditorCallbackResult<GridCell> {
  if (cell.kind !== GridCellKind.Text || !("column" in cell)) {
    return undefined;
  }
  const column = (cell as ColumnTextCell).column;
  switch (column.column_type) {
    case "date":
      return DateEditor;
    case "select":
      return ChoiceEditor;
    case "multi_select":
      return ChoicesEditor;
    case "rating":
      return StarsEditor;
    default:
      return undefined;
  }
}

type EditorProps = Parameters<ProvideEditorComponent<GridCell>>[0];

/**
 * Enter and Tab save the editor's own latest value and move on, as in Glide's editors. Handled here
 * rather than left to the overlay, whose handler may still hold the value from before the last
 * keystroke when keys come fast.
 */
function finishOnKey(e: React.KeyboardEvent, finish: EditorProps["onFinishedEditing"], value: () => GridCell) {
  if ((e.key === "Enter" && !e.shiftKey) || e.key === "Tab") {
    e.preventDefault();
    e.stopPropagation();
    finish(value(), e.key === "Tab" ? [e.shiftKey ? -1 : 1, 0] : [0, 1]);
  }
}

/**
 * A date picker (the browser's own, keyboard included). Typing into the cell instead opens a text
 * input with what was typed, which the server reads as a date ("2026-12-31", "12/31/2026").
 */
function DateEditor({ value: cell, onChange, onFinishedEditing, initialValue }: EditorProps) {
  const value = cell as ColumnTextCell;
  const withText = (data: string) => ({ ...value, data, displayData: data });
  return (
    <input
      className="grid-editor"
      type={initialValue === undefined ? "date" : "text"}
      aria-label={value.column.name}
      autoFocus
      defaultValue={initialValue ?? value.data}
      onChange={(e) => onChange(withText(e.target.value))}
      onKeyDown={(e) => finishOnKey(e, onFinishedEditing, () => withText(e.currentTarget.value))}
    />
  );
}

/**
 * A rating as a row of stars: click one, or type its number; arrows move, Enter saves, Delete clears.
 * The cell's text is the stars themselves, which the server reads as the rating.
 */
function StarsEditor({ value: cell, onChange, onFinishedEditing, initialValue }: EditorProps) {
  const value = cell as ColumnTextCell;
  const settings = value.column.type_settings as { max?: number };
  const max = typeof settings.max === "number" ? settings.max : 5;
  const typed = initialValue !== undefined && /^\d+$/.test(initialValue) ? Number(initialValue) : null;
  const [stars, setStars] = useState(() => Math.min(max, typed ?? [...value.data].filter((c) => c === "★").length));
  const withStars = (n: number) => {
    const data = "★".repeat(n);
    return { ...value, data, displayData: data };
  };
  const set = (n: number) => {
    const next = Math.max(0, Math.min(max, n));
    setStars(next);
    onChange(withStars(next));
  };
  return (
    <div
      className="grid-editor stars-editor"
      role="radiogroup"
      aria-label={value.column.name}
      tabIndex={0}
      autoFocus
      ref={(el) => el?.focus()}
      onKeyDown={(e) => {
        if (e.key === "ArrowRight" || e.key === "ArrowUp") {
          e.preventDefault();
          set(stars + 1);
        } else if (e.key === "ArrowLeft" || e.key === "ArrowDown") {
          e.preventDefault();
          set(stars - 1);
        } else if (/^\d$/.test(e.key)) {
          e.preventDefault();
          set(Number(e.key));
        } else if (e.key === "Delete" || e.key === "Backspace") {
          e.preventDefault();
          set(0);
        } else {
          finishOnKey(e, onFinishedEditing, () => withStars(stars));
        }
      }}
    >
      {Array.from({ length: max }, (_, i) => (
        <button
          key={i}
          type="button"
          role="radio"
          aria-checked={i + 1 === stars}
          aria-label={`${i + 1} ${i === 0 ? "star" : "stars"}`}
          className={i < stars ? "on" : "off"}
          onClick={() => onFinishedEditing(withStars(i + 1), [0, 1])}
        >
          ★
        </button>
      ))}
    </div>
  );
}

/**
 * One option of a select column: the options as a list, narrowed by what is typed; arrows move,
 * Enter picks, a click picks and closes.
 */
function ChoiceEditor({ value: cell, onChange, onFinishedEditing, initialValue }: EditorProps) {
  const value = cell as ColumnTextCell;
  const options = value.column.type_settings.options;
  const [query, setQuery] = useState(initialValue ?? "");
  const shown = useMemo(() => ["", ...(options ?? []).filter((o) => o.toLowerCase().includes(query.trim().toLowerCase()))], [options, query]);
  const [active, setActive] = useState(() => Math.max(0, shown.indexOf(value.data)));
  const pick = (option: string) => ({ ...value, data: option, displayData: option });
  const move = (to: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, to));
    setActive(next);
    onChange(pick(shown[next]));
  };
  return (
    <div className="grid-editor choices">
      <input
        aria-label={`Find an option of ${value.column.name}`}
        aria-controls="grid-editor-options"
        aria-activedescendant={`grid-option-${active}`}
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(1);
          const first = options?.find((o) => o.toLowerCase().includes(e.target.value.trim().toLowerCase()));
          onChange(pick(first ?? value.data));
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            move(active + (e.key === "ArrowDown" ? 1 : -1));
          } else {
            finishOnKey(e, onFinishedEditing, () => pick(shown[active] ?? value.data));
          }
        }}
      />
      <ul role="listbox" id="grid-editor-options" aria-label={value.column.name}>
        {shown.map((option, i) => (
          <li
            key={option || "(none)"}
            id={`grid-option-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "active" : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              onFinishedEditing(pick(option), [0, 0]);
            }}
          >
            {option || <span className="muted">(none)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Any options of a multi-select column, as checkboxes (Space toggles one, Enter saves). */
function ChoicesEditor({ value: cell, onChange, onFinishedEditing }: EditorProps) {
  const value = cell as ColumnTextCell;
  const options = value.column.type_settings.options ?? [];
  const [chosen, setChosen] = useState(() => new Set(splitChoices(value.data)));
  // Kept in the column's order of options, as the server stores them.
  const withChoices = (choices: Set<string>) => {
    const data = options.filter((o) => choices.has(o)).join(", ");
    return { ...value, data, displayData: data };
  };
  const toggle = (option: string) => {
    const next = new Set(chosen);
    if (!next.delete(option)) {
      next.add(option);
    }
    setChosen(next);
    onChange(withChoices(next));
  };
  return (
    <fieldset className="grid-editor choices" onKeyDown={(e) => finishOnKey(e, onFinishedEditing, () => withChoices(chosen))}>
      <legend>{value.column.name}</legend>
      {options.map((option, i) => (
        <label key={option}>
          <input type="checkbox" autoFocus={i === 0} checked={chosen.has(option)} onChange={() => toggle(option)} /> {option}
        </label>
      ))}
    </fieldset>
  );
}
