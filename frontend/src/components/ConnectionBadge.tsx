import type { PresenceEntry } from "../model/live";
import type { Status } from "./useLiveSheet";

/** The live connection's state and who else is in the sheet. */
export function ConnectionBadge({ status, presence, me }: { status: Status; presence: Record<string, PresenceEntry>; me: string | null }) {
  return (
    <>
      <span className={`connection ${status}`} role="status" aria-label="Connection">
        {status === "live" ? "Live" : status === "connecting" ? "Connecting…" : "Offline — reconnecting"}
      </span>
      <ul className="presence" aria-label="People here">
        {Object.values(presence)
          .filter((p) => p.connection_id !== me)
          .map((p) => (
            <li key={p.connection_id} style={{ borderColor: p.color }} title={p.name}>
              {p.name}
            </li>
          ))}
      </ul>
    </>
  );
}
