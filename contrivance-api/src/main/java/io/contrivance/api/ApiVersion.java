package io.contrivance.api;

/**
 * The version of this plugin API, which a plugin's {@code Plugin-Requires} must accept (for
 * instance {@code >=1.0.0 & <2.0.0}). Within a major version, extension points only gain default
 * methods and value types only gain optional fields: a plugin written for 1.0 keeps working on 1.x.
 */
public final class ApiVersion {

  /** This API's version. */
  public static final String CURRENT = "1.0.0";

  private ApiVersion() {}
}
