import { describe, expect, it } from "vitest";
import { memoryStorage } from "./testing";
import { Api, ApiError, sessionTokenStore } from "./api";

function reply(status: number, body: unknown): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
}

describe("Api", () => {
  it("refreshes an expired session once and retries the request", async () => {
    const calls: string[] = [];
    const tokens = sessionTokenStore(memoryStorage());
    tokens.save({ access_token: "old", refresh_token: "r1", user: { id: "u", email: "e", name: "n", role: "user" } });
    const api = new Api(tokens, (url, init) => {
      calls.push(`${init?.method} ${url} ${(init?.headers as Record<string, string>).Authorization ?? ""}`);
      if (url === "/api/auth/refresh") {
        return reply(200, { success: true, data: { access_token: "new", refresh_token: "r2", user: {} } });
      }
      return (init?.headers as Record<string, string>).Authorization === "Bearer new"
        ? reply(200, { success: true, data: [] })
        : reply(401, { success: false, error: { code: "unauthorized", message: "no", details: [] } });
    });
    await expect(api.sheets()).resolves.toEqual([]);
    expect(calls).toEqual(["GET /api/spreadsheets Bearer old", "POST /api/auth/refresh ", "GET /api/spreadsheets Bearer new"]);
    expect(tokens.refresh()).toBe("r2");
  });

  it("turns the error envelope into an ApiError with cell details", async () => {
    const api = new Api(sessionTokenStore(memoryStorage()), () =>
      reply(422, {
        success: false,
        error: {
          code: "validation_failed",
          message: "bad",
          details: [{ field: "data.deal_value", message: "Deal Value must be at least $0.00", code: "min" }],
        },
      }),
    );
    const error = await api.addRow("s", { deal_value: -5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("validation_failed");
    expect((error as ApiError).detailFor("deal_value")?.code).toBe("min");
  });

  it("takes an empty 204 answer as done, and sends a plugin jar as the multipart field file", async () => {
    const seen: { method?: string; url: string; body: unknown; type?: string }[] = [];
    const api = new Api(sessionTokenStore(memoryStorage()), (url, init) => {
      seen.push({ method: init?.method, url: String(url), body: init?.body, type: (init?.headers as Record<string, string>)["Content-Type"] });
      return init?.method === "DELETE" ? Promise.resolve(new Response(null, { status: 204 })) : reply(201, { success: true, data: { id: "p" } });
    });
    await expect(api.removePlugin("column-types")).resolves.toBeUndefined();
    await api.installPlugin(new Blob(["jar"]), "p.jar");
    expect(seen[0]).toMatchObject({ method: "DELETE", url: "/api/admin/plugins/column-types" });
    expect(seen[1].body).toBeInstanceOf(FormData);
    expect((seen[1].body as FormData).get("file")).toBeInstanceOf(Blob);
    expect(seen[1].type).toBeUndefined();
  });
});
