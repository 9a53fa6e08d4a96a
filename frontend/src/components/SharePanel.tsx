import { useCallback, useEffect, useState } from "react";
import { problemText, type Api } from "../model/api";
import type { Collaborator, Sheet } from "../model/types";

/**
 * Who has the sheet: the owner invites people by email as viewers or editors, removes them, and
 * turns a read-only public link on or off. Others see the list.
 */
export function SharePanel({ api, sheet, onChanged }: { api: Api; sheet: Sheet; onChanged: () => void }) {
  const [people, setPeople] = useState<Collaborator[] | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"viewer" | "editor">("viewer");
  const [error, setError] = useState<string | null>(null);
  const owner = sheet.role === "owner";

  const load = useCallback(() => {
    api.collaborators(sheet.id).then(setPeople, (e: unknown) => setError(problemText(e)));
  }, [api, sheet.id]);

  useEffect(() => load(), [load]);

  async function invite(e: React.FormEvent) {
    e.preventDefault();
    try {
      await api.share(sheet.id, email.trim(), role);
      setEmail("");
      setError(null);
      load();
    } catch (caught) {
      setError(problemText(caught));
    }
  }

  async function act(action: () => Promise<unknown>) {
    try {
      await action();
      setError(null);
      load();
      onChanged();
    } catch (caught) {
      setError(problemText(caught));
    }
  }

  const link = sheet.public_link ? new URL(sheet.public_link, window.location.origin).toString() : null;
  return (
    <section className="side-panel" aria-label="Sharing">
      <h3>Sharing</h3>
      <ul className="people">
        {(people ?? []).map((p) => (
          <li key={p.user_id}>
            <span>
              {p.name} <span className="muted">{p.email}</span>
            </span>
            <span className="muted">{p.role}</span>
            {owner && p.role !== "owner" && (
              <button
                type="button"
                className="link"
                aria-label={`Stop sharing with ${p.email}`}
                onClick={() => void act(() => api.unshare(sheet.id, p.user_id))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {owner && (
        <form className="inline" onSubmit={(e) => void invite(e)} aria-label="Invite">
          <label>
            <span className="visually-hidden">Email to invite</span>
            <input type="email" required placeholder="name@example.com" aria-label="Email to invite" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as "viewer" | "editor")}>
            <option value="viewer">Viewer</option>
            <option value="editor">Editor</option>
          </select>
          <button type="submit">Invite</button>
        </form>
      )}
      {owner && (
        <div className="public-link">
          {link ? (
            <>
              <p>
                Read-only link: <code>{link}</code>
              </p>
              <button type="button" className="link" onClick={() => void act(() => api.disablePublicLink(sheet.id))}>
                Turn the public link off
              </button>
            </>
          ) : (
            <button type="button" className="link" onClick={() => void act(() => api.enablePublicLink(sheet.id))}>
              Create a read-only public link
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
