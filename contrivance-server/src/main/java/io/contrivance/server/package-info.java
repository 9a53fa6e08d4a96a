/**
 * The Contrivance server: a Jakarta EE 10 application on Open Liberty, organised as ports and
 * adapters around the core. {@code bootstrap} starts the database and migrates it; {@code web} holds
 * the JSON envelope and error mapping shared by every resource; {@code auth} and {@code user} are
 * accounts, sessions and tokens. Resources parse, check access and delegate; transfer types are
 * named {@code *Request}/{@code *Response}.
 */
package io.contrivance.server;
