import { useCallback, useEffect, useRef, useState } from "react";
import { problemText, type Api } from "../model/api";
import { CATEGORY_LABELS, NotificationFeed, type NotificationMessage } from "../model/notifications";
import type { AppNotification, NotificationCategory } from "../model/types";

/**
 * The bell in the top bar: the unread count, live; a list of the newest notifications with a
 * category filter; mark one read by opening it, or all at once. New notifications also show as the
 * browser's own notifications once the user allows them.
 */
export function NotificationCenter({ api, onOpenLink }: { api: Api; onOpenLink: (link: string) => void }) {
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [category, setCategory] = useState<"" | NotificationCategory>("");
  const [error, setError] = useState<string | null>(null);
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">(() =>
    typeof Notification === "undefined" ? "unsupported" : Notification.permission,
  );
  const panel = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    api.notifications({ limit: 50, category: category || undefined }).then(
      (inbox) => {
        setItems(inbox.notifications);
        setUnread(inbox.unread_count);
        setError(null);
      },
      (e: unknown) => setError(problemText(e)),
    );
  }, [api, category]);

  useEffect(() => {
    const feed = new NotificationFeed(
      (fresh) => api.socketToken(fresh),
      (message: NotificationMessage) => {
        if (message.type === "ready") {
          setUnread(message.unread_count);
        } else if (message.type === "notification:new") {
          setUnread(message.unread_count);
          setItems((list) => (list ? [message.notification, ...list.filter((n) => n.id !== message.notification.id)] : list));
          if (typeof Notification !== "undefined" && Notification.permission === "granted" && document.visibilityState !== "visible") {
            new Notification(message.notification.title, { body: message.notification.body, tag: message.notification.id });
          }
        }
      },
    );
    feed.start();
    return () => feed.stop();
  }, [api]);

  useEffect(() => {
    if (open) {
      load();
    }
  }, [open, load]);

  useEffect(() => {
    if (!open) {
      return;
    }
    const close = (e: MouseEvent) => {
      if (panel.current && !panel.current.contains(e.target as Node)) {
        setOpen(false);
      }
    };
    const escape = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  async function markRead(n: AppNotification) {
    try {
      if (!n.read) {
        const read = await api.markNotificationRead(n.id);
        setItems((list) => list?.map((x) => (x.id === n.id ? read : x)) ?? null);
        setUnread((count) => Math.max(0, count - 1));
      }
    } catch (e) {
      setError(problemText(e));
    }
  }

  async function openItem(n: AppNotification) {
    await markRead(n);
    if (n.link) {
      setOpen(false);
      onOpenLink(n.link);
    }
  }

  async function markAll() {
    try {
      await api.markAllNotificationsRead();
      setUnread(0);
      load();
    } catch (e) {
      setError(problemText(e));
    }
  }

  return (
    <div className="notifications" ref={panel}>
      <button
        type="button"
        className="bell"
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <svg
          aria-hidden="true"
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="badge" data-testid="unread-count">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <section className="notification-panel" aria-label="Notification center">
          <header>
            <h3>Notifications</h3>
            <select aria-label="Category" value={category} onChange={(e) => setCategory(e.target.value as "" | NotificationCategory)}>
              <option value="">All</option>
              {(Object.keys(CATEGORY_LABELS) as NotificationCategory[]).map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
            <button type="button" className="link" disabled={unread === 0} onClick={() => void markAll()}>
              Mark all read
            </button>
          </header>
          {error && <p className="error">{error}</p>}
          {items === null ? (
            <p className="muted">Loading…</p>
          ) : items.length === 0 ? (
            <p className="muted">Nothing here yet.</p>
          ) : (
            <ul aria-label="Notifications">
              {items.map((n) => (
                <li key={n.id} className={n.read ? "read" : "unread"}>
                  <button type="button" className="notification" onClick={() => void openItem(n)}>
                    <strong>{n.title}</strong>
                    <span>{n.body}</span>
                    <time dateTime={n.created_at} className="muted">
                      {new Date(n.created_at).toLocaleString()}
                    </time>
                  </button>
                  {!n.read && (
                    <button type="button" className="link" aria-label={`Mark “${n.title}” read`} onClick={() => void markRead(n)}>
                      Mark read
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <footer>
            <a href="#/settings/notifications" onClick={() => setOpen(false)}>
              Preferences
            </a>
            {permission === "default" && (
              <button type="button" className="link" onClick={() => void Notification.requestPermission().then(setPermission)}>
                Show on the desktop
              </button>
            )}
          </footer>
        </section>
      )}
    </div>
  );
}
