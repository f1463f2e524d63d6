/**
 * The compliance suites: one package per specification, one class per feature or section, one test per
 * requirement. Tests use only the engine's API ({@link org.stanzalab.engine.Lab}, sessions, the wire driver).
 */
package org.stanzalab.suites;
