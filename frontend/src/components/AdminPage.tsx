import { useCallback, useEffect, useState } from "react";
import { problemText, type Api } from "../model/api";
import type { JsonValue, PluginConfigField, PluginInfo } from "../model/types";

/** Admins: the installed plugins — install a jar, enable, disable, configure, remove. */
export function AdminPage({ api }: { api: Api }) {
  const [plugins, setPlugins] = useState<PluginInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [configuring, setConfiguring] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.plugins().then(setPlugins, (e: unknown) => setError(problemText(e)));
  }, [api]);

  useEffect(() => load(), [load]);

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      setError(null);
      load();
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  }

  async function install(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (file) {
      await act(() => api.installPlugin(file, file.name));
      input.value = "";
    }
  }

  return (
    <section className="admin" aria-label="Plugins">
      <h2>Plugins</h2>
      <label className="install">
        Install a plugin (.jar)
        <input type="file" accept=".jar,application/java-archive" aria-label="Plugin jar" disabled={busy} onChange={(e) => void install(e.currentTarget)} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {plugins === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <table className="plugins">
          <thead>
            <tr>
              <th>Plugin</th>
              <th>State</th>
              <th>Provides</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plugins.map((p) => (
              <tr key={p.id} data-plugin={p.id}>
                <td>
                  <strong>{p.id}</strong> <span className="muted">{p.version}</span>
                  <div className="muted">{p.description}</div>
                </td>
                <td>
                  <span className={`state ${p.state}`}>{p.state}</span>
                  {p.error && <div className="error">{p.error}</div>}
                </td>
                <td>{p.provides.join(", ")}</td>
                <td className="actions">
                  {p.state === "started" ? (
                    <button type="button" disabled={busy} onClick={() => void act(() => api.setPluginEnabled(p.id, false))}>
                      Disable
                    </button>
                  ) : (
                    <button type="button" disabled={busy} onClick={() => void act(() => api.setPluginEnabled(p.id, true))}>
                      Enable
                    </button>
                  )}
                  <button type="button" className="link" onClick={() => setConfiguring(configuring === p.id ? null : p.id)}>
                    Configure
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    disabled={busy}
                    onClick={() =>
                      window.confirm(`Remove the plugin ${p.id}? Columns of its types keep their values.`) && void act(() => api.removePlugin(p.id))
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {configuring && <PluginConfigForm key={configuring} api={api} pluginId={configuring} onSaved={load} />}
    </section>
  );
}

function PluginConfigForm({ api, pluginId, onSaved }: { api: Api; pluginId: string; onSaved: () => void }) {
  const [fields, setFields] = useState<PluginConfigField[] | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    api.pluginConfig(pluginId).then(
      (c) => setFields(c.fields),
      (e: unknown) => setStatus(problemText(e)),
    );
  }, [api, pluginId]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const changes: Record<string, JsonValue> = {};
    for (const [name, value] of Object.entries(values)) {
      changes[name] = value === "" ? null : value;
    }
    try {
      const saved = await api.configurePlugin(pluginId, changes);
      setFields(saved.fields);
      setValues({});
      setStatus("Saved");
      onSaved();
    } catch (caught) {
      setStatus(problemText(caught));
    }
  }

  if (fields === null) {
    return <p className="muted">{status ?? "Loading…"}</p>;
  }
  return (
    <form className="plugin-config" aria-label={`Configure ${pluginId}`} onSubmit={(e) => void save(e)}>
      <h3>Configure {pluginId}</h3>
      {fields.length === 0 && <p className="muted">This plugin has no settings.</p>}
      {fields.map((f) => (
        <label key={f.name}>
          <span>
            {f.name}
            {f.required && " *"} <span className="muted">{f.description}</span>
          </span>
          {f.kind === "boolean" ? (
            <select
              aria-label={f.name}
              value={values[f.name] ?? f.value ?? f.default_value ?? ""}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            >
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          ) : (
            <input
              aria-label={f.name}
              type={f.kind === "secret" ? "password" : f.kind === "integer" ? "number" : "text"}
              placeholder={f.kind === "secret" ? (f.set ? "set (type to replace)" : "not set") : (f.default_value ?? "")}
              value={values[f.name] ?? (f.kind === "secret" ? "" : (f.value ?? ""))}
              autoComplete="off"
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            />
          )}
        </label>
      ))}
      {fields.length > 0 && <button type="submit">Save</button>}
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </form>
  );
}
