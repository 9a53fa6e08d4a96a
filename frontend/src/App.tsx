import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Api, sessionTokenStore } from "./model/api";
import type { User } from "./model/types";
import { AuthForm } from "./components/AuthForm";
import { SheetList } from "./components/SheetList";
import { ThemeSwitch } from "./components/ThemeSwitch";
import { NotificationCenter } from "./components/NotificationCenter";

// A sheet's views load when first opened, keeping the first screen's script small (the grid
// library alone is larger than everything else).
const SheetGrid = lazy(() => import("./components/SheetGrid").then((m) => ({ default: m.SheetGrid })));
const PipelineBoard = lazy(() => import("./components/PipelineBoard").then((m) => ({ default: m.PipelineBoard })));
const Dashboard = lazy(() => import("./components/Dashboard").then((m) => ({ default: m.Dashboard })));
const AdminPage = lazy(() => import("./components/AdminPage").then((m) => ({ default: m.AdminPage })));
const NotificationPreferences = lazy(() => import("./components/NotificationPreferences").then((m) => ({ default: m.NotificationPreferences })));

type View = "grid" | "board" | "dashboard";
interface Route {
  sheetId: string | null;
  view: View;
  /** A page that is not a sheet: the admins' plugins, or the user's notification preferences. */
  page?: "admin" | "notification-settings";
}

/** The app: signs in, lists sheets, opens one as a grid, a board or a dashboard. The place is kept in the URL hash. */
export function App() {
  const api = useMemo(() => new Api(sessionTokenStore(window.sessionStorage)), []);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [route, setRoute] = useState<Route>(() => routeFromHash());

  useEffect(() => {
    void api.resume().then(setUser);
    const onHash = () => setRoute(routeFromHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [api]);

  function go(next: Route) {
    window.location.hash = next.sheetId ? `/sheets/${next.sheetId}${next.view === "grid" ? "" : `/${next.view}`}` : "";
    setRoute(next);
  }

  if (user === undefined) {
    return <p className="centered">Loading…</p>;
  }
  if (user === null) {
    return (
      <>
        <div className="auth-top">
          <ThemeSwitch />
        </div>
        <AuthForm api={api} onSignedIn={setUser} />
      </>
    );
  }
  const { sheetId, view } = route;
  return (
    <div className="app">
      <nav className="top">
        <strong>Contrivance</strong>
        <button type="button" className="link" onClick={() => go({ sheetId: null, view: "grid" })}>
          Sheets
        </button>
        {user.role === "admin" && (
          <a className="link" href="#/admin">
            Admin
          </a>
        )}
        <span className="spacer" />
        <NotificationCenter
          api={api}
          onOpenLink={(link) => {
            window.location.hash = link.replace(/^\/?#/, "");
          }}
        />
        <span className="muted">{user.name}</span>
        <button type="button" className="link" onClick={() => void api.logout().then(() => setUser(null))}>
          Sign out
        </button>
        <ThemeSwitch />
      </nav>
      <main>
        {route.page === "admin" ? (
          <Suspense fallback={<p>Loading…</p>}>
            <AdminPage api={api} />
          </Suspense>
        ) : route.page === "notification-settings" ? (
          <Suspense fallback={<p>Loading…</p>}>
            <NotificationPreferences api={api} />
          </Suspense>
        ) : sheetId ? (
          <>
            <nav className="tabs" aria-label="Sheet views">
              <button type="button" className="link" onClick={() => go({ sheetId: null, view: "grid" })}>
                ← Sheets
              </button>
              {(["grid", "board", "dashboard"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  className={`tab${v === view ? " active" : ""}`}
                  aria-current={v === view ? "page" : undefined}
                  onClick={() => go({ sheetId, view: v })}
                >
                  {v === "grid" ? "Grid" : v === "board" ? "Board" : "Dashboard"}
                </button>
              ))}
            </nav>
            <Suspense fallback={<p>Loading…</p>}>
              {view === "grid" && <SheetGrid key={sheetId} api={api} sheetId={sheetId} />}
              {view === "board" && <PipelineBoard key={sheetId} api={api} sheetId={sheetId} />}
              {view === "dashboard" && <Dashboard key={sheetId} api={api} sheetId={sheetId} />}
            </Suspense>
          </>
        ) : (
          <SheetList api={api} onOpen={(id) => go({ sheetId: id, view: "grid" })} />
        )}
      </main>
    </div>
  );
}

function routeFromHash(): Route {
  if (window.location.hash === "#/admin") {
    return { sheetId: null, view: "grid", page: "admin" };
  }
  if (window.location.hash === "#/settings/notifications") {
    return { sheetId: null, view: "grid", page: "notification-settings" };
  }
  const match = /^#\/sheets\/([\w-]+)(?:\/(board|dashboard))?$/.exec(window.location.hash);
  return match ? { sheetId: match[1], view: (match[2] as View | undefined) ?? "grid" } : { sheetId: null, view: "grid" };
}
