import { useState } from "react";
import { ApiError, type Api } from "../model/api";
import type { User } from "../model/types";

/** Sign in, or create an account. */
export function AuthForm({ api, onSignedIn }: { api: Api; onSignedIn: (user: User) => void }) {
  const [mode, setMode] = useState<"login" | "register">("login");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const tokens = mode === "login" ? await api.login(email, password) : await api.register(email, password, name);
      onSignedIn(tokens.user);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "network", "The server cannot be reached"));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => error?.details.find((d) => d.field === field)?.message;
  return (
    <form className="auth" onSubmit={submit} aria-label={mode === "login" ? "Sign in" : "Create account"}>
      <h1>Contrivance</h1>
      <h2>{mode === "login" ? "Sign in" : "Create your account"}</h2>
      {mode === "register" && (
        <label>
          Name
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          {fieldError("name") && <span className="field-error">{fieldError("name")}</span>}
        </label>
      )}
      <label>
        Email
        <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" />
        {fieldError("email") && <span className="field-error">{fieldError("email")}</span>}
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete={mode === "login" ? "current-password" : "new-password"}
        />
        {fieldError("password") && <span className="field-error">{fieldError("password")}</span>}
      </label>
      {error && error.details.length === 0 && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {mode === "login" ? "Sign in" : "Create account"}
      </button>
      <button type="button" className="link" onClick={() => setMode(mode === "login" ? "register" : "login")}>
        {mode === "login" ? "New here? Create an account" : "Have an account? Sign in"}
      </button>
    </form>
  );
}
