package io.contrivance.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.contrivance.core.collab.Presence;
import io.contrivance.core.sheet.ColumnId;
import io.contrivance.core.sheet.RowId;
import io.contrivance.server.web.ApiError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The socket protocol's messages as docs/realtime.md prints them, read and written. */
class MessagesTest {

  private static ClientMessage decode(String text) {
    try {
      return ClientMessage.decode(text);
    } catch (ClientMessage.Malformed e) {
      throw new AssertionError("refused: " + e.getMessage() + " " + e.details, e);
    }
  }

  private static ClientMessage.Malformed refusal(String text) {
    return catchThrowableOfType(ClientMessage.Malformed.class, () -> ClientMessage.decode(text));
  }

  private static JsonObject parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static List<String> fields(ClientMessage.Malformed refused) {
    return refused.details.stream().map(ApiError.Detail::field).toList();
  }

  @Test
  void documentedEdits_decodeIntoTheirRecords() {
    assertThat(decode("{\"type\":\"update_cell\",\"op_id\":\"c1\",\"base_revision\":42,\"row_id\":\"r1\",\"column_id\":\"deal_value\",\"value\":12000}"))
        .isEqualTo(new ClientMessage.UpdateCell("c1", OptionalLong.of(42), RowId.of("r1"), ColumnId.of("deal_value"), Json.createValue(12000)));
    assertThat(decode("{\"type\":\"update_cells\",\"op_id\":\"c8\",\"base_revision\":42,\"cells\":[{\"row_id\":\"r1\",\"column_id\":\"contact\",\"value\":\"Ann\"},{\"row_id\":\"r2\",\"column_id\":\"contact\"}]}"))
        .isEqualTo(
            new ClientMessage.UpdateCells(
                "c8", OptionalLong.of(42), List.of(new ClientMessage.Cell(RowId.of("r1"), ColumnId.of("contact"), Json.createValue("Ann")), new ClientMessage.Cell(RowId.of("r2"), ColumnId.of("contact"), JsonValue.NULL))));
    assertThat(decode("{\"type\":\"insert_row\",\"op_id\":\"c2\",\"base_revision\":42,\"after_row_id\":\"r1\",\"data\":{\"company\":\"Globex\"}}"))
        .isEqualTo(new ClientMessage.InsertRow("c2", OptionalLong.of(42), RowId.of("r1"), null, parse("{\"company\":\"Globex\"}")));
    assertThat(decode("{\"type\":\"delete_row\",\"op_id\":\"c3\",\"base_revision\":43,\"row_id\":\"r1\"}")).isEqualTo(new ClientMessage.DeleteRow("c3", OptionalLong.of(43), RowId.of("r1")));
    assertThat(decode("{\"type\":\"move_row\",\"op_id\":\"c4\",\"base_revision\":43,\"row_id\":\"r2\",\"after_row_id\":null}")).isEqualTo(new ClientMessage.MoveRow("c4", OptionalLong.of(43), RowId.of("r2"), null));
    assertThat(decode("{\"type\":\"undo\",\"op_id\":\"c5\"}")).isEqualTo(new ClientMessage.Undo("c5", OptionalLong.empty()));
    assertThat(decode("{\"type\":\"redo\",\"op_id\":\"c6\"}")).isEqualTo(new ClientMessage.Redo("c6", OptionalLong.empty()));
  }

  @Test
  void authPingAndPresence_decode() {
    assertThat(decode("{\"type\":\"auth\",\"token\":\"t\",\"last_revision\":40}")).isEqualTo(new ClientMessage.Auth("t", OptionalLong.of(40)));
    assertThat(decode("{\"type\":\"ping\"}")).isEqualTo(new ClientMessage.Ping());
    assertThat(decode("{\"type\":\"presence\",\"selection\":{\"from_row\":\"r1\",\"from_column\":\"stage\"},\"editing\":true}"))
        .isEqualTo(new ClientMessage.PresenceUpdate(Optional.of(new Presence.Range(RowId.of("r1"), ColumnId.of("stage"), RowId.of("r1"), ColumnId.of("stage"))), true));
  }

  @Test
  void anEditWithSeveralBadFields_isRefusedWithEveryFieldNamed() {
    ClientMessage.Malformed refused = refusal("{\"type\":\"update_cells\",\"op_id\":\"p1\",\"cells\":[{\"column_id\":\"a\"},{\"row_id\":7,\"column_id\":\"b\"},\"x\"]}");
    assertThat(refused.isEdit()).isTrue();
    assertThat(refused.opId).isEqualTo("p1");
    assertThat(fields(refused)).containsExactly("cells[0].row_id", "cells[1].row_id", "cells[2]");

    assertThat(fields(refusal("{\"type\":\"update_cell\",\"op_id\":\"u1\"}"))).containsExactly("row_id", "column_id");
  }

  @Test
  void whatIsNotAnEdit_isRefusedWithoutAnOpId() {
    assertThat(refusal("this is not json").type).isNull();
    assertThat(refusal("{\"type\":\"teleport\"}").getMessage()).contains("unknown message type \"teleport\"");
    assertThat(refusal("{\"type\":\"undo\"}").isEdit()).isFalse();
    ClientMessage.Malformed presence = refusal("{\"type\":\"presence\",\"selection\":{\"from_row\":\"r1\"},\"editing\":\"yes\"}");
    assertThat(presence.isEdit()).isFalse();
    assertThat(fields(presence)).containsExactly("editing", "selection.from_column");
  }

  @Test
  void answers_areWrittenAsDocumented() {
    assertThat(parse(new ServerMessage.Ack("c7", 43, null).text())).isEqualTo(parse("{\"type\":\"ack\",\"op_id\":\"c7\",\"revision\":43,\"unchanged\":true}"));
    assertThat(parse(new ServerMessage.Ack("c1", 43, "{\"type\":\"row_updated\",\"revision\":43}").text()))
        .isEqualTo(parse("{\"type\":\"ack\",\"op_id\":\"c1\",\"revision\":43,\"event\":{\"type\":\"row_updated\",\"revision\":43}}"));
    assertThat(parse(new ServerMessage.Rejected("c1", "validation_failed", "m", List.of(new ApiError.Detail("data.deal_value", "below", "below_min"))).text()))
        .isEqualTo(parse("{\"type\":\"rejected\",\"op_id\":\"c1\",\"reason\":\"validation_failed\",\"message\":\"m\",\"details\":[{\"field\":\"data.deal_value\",\"message\":\"below\",\"code\":\"below_min\"}]}"));
    assertThat(parse(new ServerMessage.Error("bad_message", "m", List.of()).text())).isEqualTo(parse("{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"m\"}"));
    assertThat(parse(new ServerMessage.AuthOk(Instant.parse("2026-12-04T00:00:00Z")).text())).isEqualTo(parse("{\"type\":\"auth_ok\",\"expires_at\":\"2026-12-04T00:00:00Z\"}"));

    var entry = new Presence.Entry("k1", "u1", "Ann", "#3cb44b", Optional.empty(), false, Instant.EPOCH);
    JsonObject joined = parse(new ServerMessage.UserJoined(entry).text());
    assertThat(joined.getString("type")).isEqualTo("user_joined");
    assertThat(joined.getString("connection_id")).isEqualTo("k1");
    assertThat(joined.get("selection")).isEqualTo(JsonValue.NULL);
    assertThat(parse(new ServerMessage.PresenceChanges(List.of(entry)).text()).getJsonArray("entries").getJsonObject(0).getString("name")).isEqualTo("Ann");

    var you = new ServerMessage.You("u1", "k1", "editor", "#4363d8", Instant.parse("2026-12-04T00:00:00Z"));
    JsonObject replay = parse(new ServerMessage.Replay(40, 42, List.of("{\"revision\":41}", "{\"revision\":42}"), List.of(entry), you).text());
    assertThat(replay.getJsonArray("events")).hasSize(2);
    assertThat(replay.getJsonObject("you").getString("role")).isEqualTo("editor");
  }
}
