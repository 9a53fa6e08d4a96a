package io.contrivance.server.forecast;

import static io.contrivance.server.web.Jsons.JSON;

import io.contrivance.server.bootstrap.Database;
import io.contrivance.server.web.Jsons;

import io.contrivance.core.forecast.Period;
import io.contrivance.core.sheet.SheetId;
import io.contrivance.server.web.ApiException;
import io.contrivance.server.web.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Quotas per sheet: an amount for an owner (or the whole team) and a period, in one currency. */
@ApplicationScoped
public class Quotas {

  @Inject Database db;
  @Inject Clock clock;

  /** A quota; {@code owner} empty means the team's. */
  record Quota(String id, Optional<String> owner, Period period, BigDecimal amount, Currency currency) {
    JsonObject toJson() {
      var json = JSON.createObjectBuilder().add("id", id);
      if (owner.isPresent()) {
        json.add("owner", owner.get());
      } else {
        json.addNull("owner");
      }
      return json.add("period", ForecastJson.period(period)).add("amount", Jsons.money(amount, currency)).add("currency", currency.getCurrencyCode()).build();
    }
  }

  private static final String COLUMNS = "select id, owner, period_label, period_start, period_end, amount, currency from quotas ";

  List<Quota> list(SheetId sheet) {
    return db.read(COLUMNS + "where sheet_id = ? order by period_start, owner nulls first", ps -> ps.setString(1, sheet.value()), Quotas::quota);
  }

  Optional<Quota> find(SheetId sheet, String id) {
    return db.read(COLUMNS + "where sheet_id = ? and id = ?", ps -> {
          ps.setString(1, sheet.value());
          ps.setString(2, id);
        }, Quotas::quota).stream().findFirst();
  }

  Quota create(SheetId sheet, Optional<String> owner, Period period, BigDecimal amount, Currency currency) {
    String id = UUID.randomUUID().toString();
    Timestamp now = Timestamp.from(clock.instant());
    try {
      db.write(
          "insert into quotas (id, sheet_id, owner, period_label, period_start, period_end, amount, currency, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          ps -> {
            ps.setString(1, id);
            ps.setString(2, sheet.value());
            ps.setString(3, owner.orElse(null));
            ps.setString(4, period.label());
            ps.setDate(5, Date.valueOf(period.start()));
            ps.setDate(6, Date.valueOf(period.end()));
            ps.setBigDecimal(7, amount);
            ps.setString(8, currency.getCurrencyCode());
            ps.setTimestamp(9, now);
            ps.setTimestamp(10, now);
          });
    } catch (Database.DuplicateKeyException e) {
      throw ApiException.conflict("quota_exists", (owner.map(o -> o + " already has").orElse("The team already has")) + " a quota for " + period.label() + "; change that one instead");
    }
    return new Quota(id, owner, period, amount, currency);
  }

  /** Changes a quota's amount: the quota as it is now, or empty if there is none by that id. */
  Optional<Quota> update(SheetId sheet, String id, BigDecimal amount) {
    int changed = db.write("update quotas set amount = ?, updated_at = ? where sheet_id = ? and id = ?", ps -> {
          ps.setBigDecimal(1, amount);
          ps.setTimestamp(2, Timestamp.from(clock.instant()));
          ps.setString(3, sheet.value());
          ps.setString(4, id);
        });
    return changed == 1 ? find(sheet, id) : Optional.empty();
  }

  boolean delete(SheetId sheet, String id) {
    return db.write("delete from quotas where sheet_id = ? and id = ?", Database.params(sheet.value(), id)) == 1;
  }

  /**
   * The quota that applies to a forecast of {@code period} for {@code owner} (or the team): the
   * owner's own; for the team, the team's, else the sum of the owners' quotas for the period, if
   * any. Only quotas in the forecast's currency count.
   */
  Optional<BigDecimal> applying(List<Quota> quotas, Optional<String> owner, Period period, Currency currency) {
    List<Quota> matching = quotas.stream().filter(q -> q.period().start().equals(period.start()) && q.period().end().equals(period.end()) && q.currency().equals(currency)).toList();
    if (owner.isPresent()) {
      return matching.stream().filter(q -> q.owner().isPresent() && q.owner().get().equalsIgnoreCase(owner.get())).map(Quota::amount).findFirst();
    }
    Optional<BigDecimal> team = matching.stream().filter(q -> q.owner().isEmpty()).map(Quota::amount).findFirst();
    if (team.isPresent() || matching.isEmpty()) {
      return team;
    }
    return Optional.of(matching.stream().map(Quota::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  private static Quota quota(ResultSet rs) throws SQLException {
    Period period = new Period(rs.getString(3), rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate());
    return new Quota(rs.getString(1), Optional.ofNullable(rs.getString(2)), period, rs.getBigDecimal(6).stripTrailingZeros(), Currency.getInstance(rs.getString(7)));
  }
}
