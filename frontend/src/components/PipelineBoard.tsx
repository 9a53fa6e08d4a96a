import { useEffect, useMemo, useState } from "react";
import { ApiError, type Api } from "../model/api";
import { lanes, money, type Card, type ForecastSettings } from "../model/forecast";
import { EditRefused, offline } from "../model/socket";
import { useLiveSheet } from "./useLiveSheet";
import { ConnectionBadge } from "./ConnectionBadge";

/**
 * The pipeline as a board: a lane per stage with its deals as cards and raw and weighted totals.
 * Dragging a card to another lane (or choosing a stage from its menu, for keyboards) sets the deal's
 * stage through the live socket, the same path as a cell edit, so everyone sees it move.
 */
export function PipelineBoard({ api, sheetId }: { api: Api; sheetId: string }) {
  const { sheet, rows, status, presence, me, socket, notice, setNotice, put } = useLiveSheet(api, sheetId);
  const [settings, setSettings] = useState<ForecastSettings | null>(null);
  /** Moves sent but not yet confirmed: the card shows in its new lane meanwhile. */
  const [moving, setMoving] = useState<Record<string, string>>({});
  const [over, setOver] = useState<string | null>(null);

  useEffect(() => {
    api
      .forecastSettings(sheetId)
      .then(setSettings)
      .catch((e: unknown) => setNotice(e instanceof ApiError ? e.message : "Could not load the stages"));
  }, [api, sheetId, setNotice]);

  const stageColumn = settings?.mapping.stage ?? null;
  const shown = useMemo(() => {
    if (!settings || !stageColumn) {
      return [];
    }
    const withMoves = rows.map((row) => (moving[row.id] ? { ...row, data: { ...row.data, [stageColumn]: moving[row.id] } } : row));
    return lanes(withMoves, settings);
  }, [rows, settings, moving, stageColumn]);

  if (!sheet || !settings) {
    return <p>{notice ?? "Loading…"}</p>;
  }
  if (!stageColumn) {
    return <p className="notice">This sheet has no stage column to lay out a board by. Map one in the forecast settings.</p>;
  }
  const editable = sheet.role !== "viewer";
  const currency = settings.currency;

  async function move(card: Card, stage: string) {
    if (!stageColumn || card.row.data[stageColumn] === stage) {
      return;
    }
    setMoving((m) => ({ ...m, [card.id]: stage }));
    try {
      try {
        await (socket.current ?? offline()).updateCell(card.id, stageColumn, stage);
      } catch (refused) {
        if (refused instanceof EditRefused && refused.reason === "offline") {
          put(await api.updateRow(sheetId, card.row, { [stageColumn]: stage }));
        } else {
          throw refused;
        }
      }
      setNotice(null);
    } catch (caught) {
      setNotice(`${card.label} could not move to ${stage}: ${caught instanceof Error ? caught.message : "refused"}`);
    } finally {
      setMoving((m) => {
        const next = { ...m };
        delete next[card.id];
        return next;
      });
    }
  }

  return (
    <section className="board-view">
      <header className="view-header">
        <h2>{sheet.name}</h2>
        <ConnectionBadge status={status} presence={presence} me={me.current} />
      </header>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className="board" aria-label={`${sheet.name} pipeline`}>
        {shown.map((lane) => (
          <section
            key={lane.stage}
            className={`lane${over === lane.stage ? " drop-target" : ""}`}
            aria-label={lane.stage}
            data-stage={lane.stage}
            onDragOver={(e) => {
              if (editable && lane.known) {
                e.preventDefault();
                setOver(lane.stage);
              }
            }}
            onDragLeave={() => setOver((o) => (o === lane.stage ? null : o))}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const id = e.dataTransfer.getData("text/plain");
              const card = shown.flatMap((l) => l.cards).find((c) => c.id === id);
              if (card && lane.known) {
                void move(card, lane.stage);
              }
            }}
          >
            <header>
              <h3>{lane.stage}</h3>
              <span className="count">{lane.cards.length}</span>
              {lane.known && (
                <p className="lane-totals">
                  <span aria-label={`${lane.stage} total`}>{money(lane.total, currency)}</span>
                  <span className="muted" aria-label={`${lane.stage} weighted`}>
                    {" "}
                    weighted {money(Math.round(lane.weighted * 100) / 100, currency)}
                  </span>
                </p>
              )}
            </header>
            <ul>
              {lane.cards.map((card) => (
                <li
                  key={card.id}
                  className={`card${moving[card.id] ? " moving" : ""}`}
                  draggable={editable}
                  data-row={card.id}
                  aria-label={card.label}
                  onDragStart={(e) => {
                    e.dataTransfer.setData("text/plain", card.id);
                    e.dataTransfer.effectAllowed = "move";
                  }}
                >
                  <strong>{card.label}</strong>
                  <span className="card-amount">{money(card.amount, card.currency ?? currency)}</span>
                  <span className="muted">{card.close ? `closes ${card.close}` : "no close date"}</span>
                  <span className="muted">{card.owner ?? "no owner"}</span>
                  {editable && (
                    <label className="move">
                      <span className="visually-hidden">Move {card.label} to</span>
                      <select value="" onChange={(e) => e.target.value && void move(card, e.target.value)}>
                        <option value="">Move to…</option>
                        {settings.stages
                          .filter((s) => s.name !== lane.stage)
                          .map((s) => (
                            <option key={s.name} value={s.name}>
                              {s.name}
                            </option>
                          ))}
                      </select>
                    </label>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
