package io.contrivance.server.incontainer;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The application as the build packaged it, with an in-container test's own classes added. */
final class Deployments {

  private Deployments() {}

  static WebArchive application(Class<?>... testClasses) {
    WebArchive war = ShrinkWrap.create(WebArchive.class, "incontainer.war").merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/contrivance.war")));
    war.addClass(Deployments.class);
    war.addClasses(testClasses);
    return war;
  }
}
