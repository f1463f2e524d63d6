package org.stanzalab.model;

/**
 * One stanza, nonza or event on one connection.
 *
 * @param atMillis   milliseconds since the test started
 * @param connection the connection's label within the test, e.g. "alice#1"
 */
public record TranscriptEntry(long atMillis, String connection, Direction direction, String xml) {
}
