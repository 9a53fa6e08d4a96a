import { useEffect, useState } from "react";
import { problemText, type Api } from "../model/api";
import { CATEGORY_LABELS, DELIVERY_LABELS } from "../model/notifications";
import type { Delivery, NotificationCategory, NotificationPreferences as Preferences } from "../model/types";

/** How each kind of notification reaches the user: in the app, by email at once, in a daily digest, or not at all. */
export function NotificationPreferences({ api }: { api: Api }) {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    api.notificationPreferences().then(setPrefs, (e: unknown) => setStatus(problemText(e)));
  }, [api]);

  async function change(category: NotificationCategory, delivery: Delivery) {
    try {
      setPrefs(await api.setNotificationPreferences({ [category]: delivery }));
      setStatus("Saved");
    } catch (e) {
      setStatus(problemText(e));
    }
  }

  return (
    <section className="settings" aria-label="Notification preferences">
      <h2>Notification preferences</h2>
      {prefs === null ? (
        <p className="muted">{status ?? "Loading…"}</p>
      ) : (
        <table>
          <tbody>
            {(Object.keys(CATEGORY_LABELS) as NotificationCategory[]).map((category) => (
              <tr key={category}>
                <th scope="row">{CATEGORY_LABELS[category]}</th>
                <td>
                  <select
                    aria-label={CATEGORY_LABELS[category]}
                    value={prefs.preferences[category]}
                    onChange={(e) => void change(category, e.target.value as Delivery)}
                  >
                    {prefs.options.map((o) => (
                      <option key={o} value={o}>
                        {DELIVERY_LABELS[o]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {prefs !== null && status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
