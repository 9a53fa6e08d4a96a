package io.contrivance.server.it;

import static io.contrivance.server.it.Api.delete;
import static io.contrivance.server.it.Api.get;
import static io.contrivance.server.it.Api.json;
import static io.contrivance.server.it.Api.post;
import static io.contrivance.server.it.Api.put;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UsersIT {

  @Test
  void search_findsByEmailOrNameOnePageAtATime() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Api.Session a = Api.register("alpha-" + tag + "@example.com", "Zed " + tag);
    Api.register("beta-" + tag + "@example.com", "Yan " + tag);
    Api.register("gamma-" + tag + "@example.com", "Xu " + tag);
    Api.Reply page = get("/api/users?q=" + tag + "&page=1&limit=2", a.accessToken());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().getJsonArray("data")).hasSize(2);
    assertThat(page.json().getJsonObject("pagination").getInt("total")).isEqualTo(3);
    // Sorted by name: Xu, Yan, then Zed on page two.
    Api.Reply second = get("/api/users?q=" + tag.toUpperCase(java.util.Locale.ROOT) + "&page=2&limit=2", a.accessToken());
    assertThat(second.json().getJsonArray("data").getJsonObject(0).getString("name")).isEqualTo("Zed " + tag);
    Api.Reply bad = get("/api/users?limit=1000&page=zero", a.accessToken());
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonObject("error").getJsonArray("details")).hasSize(2);
  }

  @Test
  void usersChangeThemselvesButNotOthers() {
    Api.Session me = Api.newUser();
    Api.Session other = Api.newUser();
    Api.Reply renamed = put("/api/users/" + me.id(), me.accessToken(), json("name", "New Name"));
    assertThat(renamed.data().getString("name")).isEqualTo("New Name");
    Api.Reply forbidden = put("/api/users/" + other.id(), me.accessToken(), json("name", "Hijack"));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.errorCode()).isEqualTo("forbidden");
    Api.Reply promote = put("/api/users/" + me.id(), me.accessToken(), json("role", "admin"));
    assertThat(promote.status()).isEqualTo(403);
    assertThat(get("/api/users/" + UUID.randomUUID(), me.accessToken()).status()).isEqualTo(404);
  }

  @Test
  void changingThePasswordNeedsTheCurrentOneAndEndsSessions() {
    Api.Session me = Api.newUser();
    Api.Reply missing = put("/api/users/" + me.id(), me.accessToken(), json("password", "brand new secret"));
    assertThat(missing.status()).isEqualTo(422);
    Api.Reply changed = put("/api/users/" + me.id(), me.accessToken(), json("password", "brand new secret", "current_password", me.password()));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(post("/api/auth/login", null, json("email", me.email(), "password", "brand new secret")).status()).isEqualTo(200);
    Api.awaitSessionCache();
    assertThat(get("/api/auth/validate", me.accessToken()).errorCode()).isEqualTo("session_ended");
  }

  @Test
  void adminsDisableUsersWhoThenCannotSignIn() {
    Api.Session admin = Api.admin();
    Api.Session user = Api.newUser();
    Api.Reply disabled = put("/api/users/" + user.id(), admin.accessToken(), json("disabled", true));
    assertThat(disabled.data().getBoolean("disabled")).isTrue();
    Api.Reply login = post("/api/auth/login", null, json("email", user.email(), "password", user.password()));
    assertThat(login.status()).isEqualTo(403);
    assertThat(login.errorCode()).isEqualTo("account_disabled");
    Api.awaitSessionCache();
    assertThat(get("/api/auth/validate", user.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void adminsCreateAccountsAndPromoteUsers() {
    Api.Session admin = Api.admin();
    String email = "invited-" + UUID.randomUUID() + "@example.com";
    Api.Reply created = post("/api/users", admin.accessToken(), json("email", email, "password", "invited secret 1", "name", "Invitee"));
    assertThat(created.status()).isEqualTo(201);
    JsonObject user = created.data();
    assertThat(user.getString("role")).isEqualTo("user");
    assertThat(put("/api/users/" + user.getString("id"), admin.accessToken(), json("role", "admin")).data().getString("role")).isEqualTo("admin");
    Api.Session plain = Api.newUser();
    assertThat(post("/api/users", plain.accessToken(), json("email", "x" + email, "password", "invited secret 1", "name", "X")).status()).isEqualTo(403);
  }

  @Test
  void usersDeleteThemselves() {
    Api.Session me = Api.newUser();
    assertThat(delete("/api/users/" + me.id(), me.accessToken()).data().getBoolean("deleted")).isTrue();
    assertThat(post("/api/auth/login", null, json("email", me.email(), "password", me.password())).status()).isEqualTo(401);
  }
}
