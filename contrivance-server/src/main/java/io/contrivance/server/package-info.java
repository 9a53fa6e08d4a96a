/** The Contrivance server: a Jakarta EE 10 application on Open Liberty. */
package io.contrivance.server;
