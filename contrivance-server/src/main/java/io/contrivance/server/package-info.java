/**
 * The Contrivance server: a Jakarta EE 10 application on Open Liberty, organised as ports and
 * adapters around the core, a package per room. {@code bootstrap} starts and migrates the database
 * and holds the JDBC plumbing; {@code web} holds the JSON envelopes and error mapping shared by every
 * resource; {@code auth} and {@code user} are sessions, tokens and accounts; {@code sheet}, {@code
 * realtime} and {@code forecast} are the product. Resources parse, check access and delegate; the
 * SQL of a table lives in the class that owns its data; transfer types are named {@code
 * *Request}/{@code *Response}.
 */
package io.contrivance.server;
