/**
 * Where sheets are kept. {@link io.contrivance.core.store.SheetStore} is the service-provider
 * interface an application implements to keep sheets in its own database (the Contrivance server
 * implements it with PostgreSQL); {@link io.contrivance.core.store.SheetStore#inMemory()} keeps them
 * in memory.
 */
package io.contrivance.core.store;
