import type { Socket } from "./socket";
import type { AppNotification, NotificationCategory } from "./types";

/** What the notification socket sends (/ws/notifications). */
export type NotificationMessage =
  | { type: "ready"; unread_count: number }
  | { type: "notification:new"; notification: AppNotification; unread_count: number }
  | { type: "pong" }
  | { type: "error"; code: string; message: string };

export const CATEGORY_LABELS: Record<NotificationCategory, string> = {
  sharing: "Shared with you",
  assignment: "Deals assigned to you",
  deal_stage: "Stage changes of your deals",
  deal_slipped: "Your deals past their close date",
  mention: "Mentions of you",
};

export const DELIVERY_LABELS = { in_app: "In the app", email: "Email at once", digest: "Daily email digest", off: "Off" } as const;

/**
 * The signed-in user's live notifications: opens /ws/notifications, authenticates with the first
 * message, hands each new notification to the listener, and reconnects (with a fresh token after a
 * policy close, waiting longer after each failure) until stopped.
 */
export class NotificationFeed {
  private socket: Socket | null = null;
  private stopped = true;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly token: (fresh: boolean) => Promise<string | null>,
    private readonly onMessage: (message: NotificationMessage) => void,
    private readonly open: (url: string) => Socket = (url) => new WebSocket(url),
    private readonly base: string = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect(false);
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) {
      clearTimeout(this.retry);
    }
    this.socket?.close(1000, "closed");
  }

  private async connect(fresh: boolean): Promise<void> {
    const token = await this.token(fresh);
    if (!token || this.stopped) {
      return;
    }
    const socket = this.open(`${this.base}/ws/notifications`);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: "auth", token }));
    socket.onmessage = (event: MessageEvent) => {
      const message = JSON.parse(String(event.data)) as NotificationMessage;
      if (message.type === "ready") {
        this.failures = 0;
      }
      this.onMessage(message);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.stopped || this.socket !== socket) {
        return;
      }
      this.failures++;
      const wait = Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6));
      this.retry = setTimeout(() => void this.connect(event.code === 1008), wait);
    };
  }
}
