package io.contrivance.server.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrivance.server.notify.Category;
import io.contrivance.server.notify.Notifications;
import io.contrivance.server.user.Accounts;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The notification service inside the application: what is stored, for whom, by preference. */
@ExtendWith(ArquillianExtension.class)
class NotificationsInContainerIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.application(NotificationsInContainerIT.class);
  }

  @Inject Notifications notifications;
  @Inject Accounts accounts;
  @Inject UserTransaction transaction;

  private String user() throws Exception {
    transaction.begin();
    String id = accounts.create("in-container-" + UUID.randomUUID() + "@example.com", "a long enough secret", "Ina Container").id();
    transaction.commit();
    return id;
  }

  private Notifications.Notice notice(String user, String category, String dedupe) {
    return new Notifications.Notice(user, category, "Something for you", "Details.", "/#/sheets/s1", null, null, dedupe);
  }

  @Test
  void aNotice_isStoredForItsUser_newestFirst_andReadStateIsTheirs() throws Exception {
    String ada = user();
    String bob = user();
    transaction.begin();
    notifications.tell(notice(ada, Category.SHARING, null));
    notifications.tell(notice(ada, Category.MENTION, null));
    transaction.commit();

    List<Notifications.Stored> inbox = notifications.list(ada, 50, null, false);
    assertEquals(List.of(Category.MENTION, Category.SHARING), inbox.stream().map(Notifications.Stored::category).toList());
    assertEquals(2, notifications.unreadCount(ada));
    assertEquals(0, notifications.unreadCount(bob));
    assertEquals(1, notifications.list(ada, 50, Category.SHARING, false).size());

    assertTrue(!notifications.markRead(bob, inbox.get(0).id()), "not bob's");
    assertTrue(notifications.markRead(ada, inbox.get(0).id()));
    assertEquals(1, notifications.unreadCount(ada));
    assertEquals(1, notifications.markAllRead(ada));
    assertEquals(0, notifications.list(ada, 50, null, true).size());
  }

  @Test
  void theSameEventWithADedupeKey_isToldOnce_andACategorySwitchedOff_notAtAll() throws Exception {
    String ada = user();
    transaction.begin();
    notifications.setPreferences(ada, Map.of(Category.DEAL_STAGE, "off"));
    transaction.commit();
    assertEquals("off", notifications.preferences(ada).get(Category.DEAL_STAGE));
    assertEquals("email", notifications.preferences(ada).get(Category.SHARING), "the default");

    transaction.begin();
    assertTrue(notifications.tell(notice(ada, Category.DEAL_SLIPPED, "slipped:r1:2026-12-01")).isPresent());
    assertTrue(notifications.tell(notice(ada, Category.DEAL_SLIPPED, "slipped:r1:2026-12-01")).isEmpty());
    assertTrue(notifications.tell(notice(ada, Category.DEAL_STAGE, null)).isEmpty());
    transaction.commit();
    assertEquals(1, notifications.unreadCount(ada));
  }

  @Test
  void aNoticeOfARolledBackTransaction_isNotStored() throws Exception {
    String ada = user();
    transaction.begin();
    notifications.tell(notice(ada, Category.SHARING, null));
    transaction.rollback();
    assertEquals(0, notifications.unreadCount(ada));
  }
}
