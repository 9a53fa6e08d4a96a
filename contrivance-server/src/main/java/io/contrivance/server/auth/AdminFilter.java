package io.contrivance.server.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** 403 {@code forbidden} for an {@link AdminsOnly} request of someone who is not an admin, after {@link AuthFilter} said who it is. */
@Provider
@AdminsOnly
@Priority(Priorities.AUTHORIZATION)
public class AdminFilter implements ContainerRequestFilter {

  @Inject CurrentUser currentUser;

  @Override
  public void filter(ContainerRequestContext request) {
    currentUser.requireAdmin();
  }
}
