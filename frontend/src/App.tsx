import { useEffect, useMemo, useState } from "react";
import { Api, sessionTokenStore } from "./model/api";
import type { User } from "./model/types";
import { AuthForm } from "./components/AuthForm";
import { SheetGrid } from "./components/SheetGrid";
import { SheetList } from "./components/SheetList";

/** The app: signs in, lists sheets, opens one. The open sheet is kept in the URL hash. */
export function App() {
  const api = useMemo(() => new Api(sessionTokenStore(window.sessionStorage)), []);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [sheetId, setSheetId] = useState<string | null>(() => sheetFromHash());

  useEffect(() => {
    api.resume().then(setUser);
    const onHash = () => setSheetId(sheetFromHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [api]);

  function open(id: string | null) {
    window.location.hash = id ? `/sheets/${id}` : "";
    setSheetId(id);
  }

  if (user === undefined) {
    return <p className="centered">Loading…</p>;
  }
  if (user === null) {
    return <AuthForm api={api} onSignedIn={setUser} />;
  }
  return (
    <div className="app">
      <nav className="top">
        <strong>Contrivance</strong>
        <span className="muted">{user.name}</span>
        <button type="button" className="link" onClick={() => void api.logout().then(() => setUser(null))}>
          Sign out
        </button>
      </nav>
      <main>{sheetId ? <SheetGrid api={api} sheetId={sheetId} onBack={() => open(null)} /> : <SheetList api={api} onOpen={open} />}</main>
    </div>
  );
}

function sheetFromHash(): string | null {
  const match = /^#\/sheets\/([\w-]+)$/.exec(window.location.hash);
  return match ? match[1] : null;
}
