package org.stanzalab.wire;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Push parser for one XMPP stream (or one standalone element) on top of Aalto's async reader.
 *
 * <p>The caller feeds bytes as they arrive and learns exactly how many were consumed, which is what makes
 * stream restarts possible: after {@code <proceed/>} or SASL {@code <success/>} the handler stops the parser
 * and the remaining bytes belong to the next parser (or to TLS).
 *
 * <p>Hardening (RFC 6120 §11): DTDs, comments, processing instructions and entity references other than
 * the five predefined ones are rejected, as are invalid UTF-8, non-UTF-8 encoding declarations, text at
 * stream level, and top-level elements over the size or depth limit. Nothing is ever resolved or expanded,
 * and buffered input never exceeds the size limit plus one chunk.
 */
final class HardenedStreamParser {

    enum Mode {
        /** A {@code <stream:stream>} root whose children are the top-level elements. */
        STREAM,
        /** A single root element that is itself the result (for {@link XmlElement#parse}). */
        SINGLE_ELEMENT
    }

    interface Handler {
        void streamHeader(StreamHeader header);

        /** @return false to stop parsing right after this element; later bytes stay unconsumed */
        boolean topLevelElement(XmlElement element, String raw);

        void closingTag(String raw);
    }

    private static final Pattern ATTRIBUTE_ENTITY = Pattern.compile("ENTITY_REFERENCE \\((.*?)\\)");
    private static final int MAX_REPORTED_RAW_BYTES = 2048;

    private final Mode mode;
    private final ParserLimits limits;
    private final Handler handler;
    /** Subject of error messages: "server sent" for streams, "XML contains" for parsed strings. */
    private final String origin;
    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> xml;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final RawWindow window = new RawWindow();
    private final Deque<XmlElement.Builder> openElements = new ArrayDeque<>();

    private int depth;
    private long bytesFed;
    /** Offset just after the last complete top-level item; raw text and the size limit count from here. */
    private long boundary;
    private long stopOffset = -1;
    /** Invalid UTF-8 found in the chunk that also held the stop, reported if the parser is resumed. */
    private WireProtocolException invalidAfterStop;
    private boolean rootStarted;
    private boolean finished;

    HardenedStreamParser(Mode mode, ParserLimits limits, Handler handler, String origin) {
        this.mode = mode;
        this.limits = limits;
        this.handler = handler;
        this.origin = origin;
        InputFactoryImpl factory = new InputFactoryImpl();
        // Report entity references as events (so we can reject them) instead of trying to expand them.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        this.xml = factory.createAsyncForByteArray();
    }

    static XmlElement parseElement(byte[] bytes, ParserLimits limits) throws WireProtocolException {
        XmlElement[] result = new XmlElement[1];
        HardenedStreamParser parser = new HardenedStreamParser(Mode.SINGLE_ELEMENT, limits, new Handler() {
            @Override
            public void streamHeader(StreamHeader header) {
            }

            @Override
            public boolean topLevelElement(XmlElement element, String raw) {
                result[0] = element;
                return true;
            }

            @Override
            public void closingTag(String raw) {
            }
        }, "XML contains");
        parser.feed(bytes, bytes.length);
        parser.endOfInput();
        if (result[0] == null) {
            throw new WireProtocolException("XML ends before an element is complete");
        }
        return result[0];
    }

    /**
     * Parses {@code length} bytes from the start of {@code chunk} (index 0: Aalto's byte offsets assume it).
     * The chunk may be reused once this returns.
     *
     * @return bytes consumed: {@code length}, unless the handler stopped the parser inside the chunk
     */
    int feed(byte[] chunk, int length) throws WireProtocolException {
        if (stopped()) {
            throw new IllegalStateException("parser was stopped; the rest of the input belongs to a new parser");
        }
        if (finished && mode == Mode.STREAM) {
            return length; // after </stream:stream> only the end of the connection matters
        }
        long chunkStart = bytesFed;
        window.append(chunk, length);
        int invalidAt = utf8.firstInvalid(chunk, 0, length);
        int parseable = invalidAt < 0 ? length : invalidAt;
        if (parseable > 0) {
            try {
                xml.getInputFeeder().feedInput(chunk, 0, parseable);
                bytesFed += parseable;
                parseAvailableEvents();
            } catch (XMLStreamException e) {
                throw translate(e);
            } catch (RuntimeException e) {
                throw parserCrash(e);
            }
        }
        WireProtocolException invalid = invalidAt < 0 ? null : new WireProtocolException(origin
                + " invalid UTF-8 at byte " + (chunkStart + invalidAt) + ": " + utf8.problem() + " (RFC 6120 §11.6)");
        if (stopped()) {
            invalidAfterStop = invalid;
            return (int) (stopOffset - chunkStart);
        }
        if (invalid != null && !(finished && mode == Mode.STREAM)) {
            throw invalid;
        }
        enforceSizeLimit();
        return length;
    }

    /** Tells the parser no more bytes will come (used for parsing strings, not streams). */
    void endOfInput() throws WireProtocolException {
        if (utf8.insideSequence()) {
            throw new WireProtocolException(origin + " invalid UTF-8: input ends inside a multi-byte character");
        }
        xml.getInputFeeder().endOfInput();
        parseWhatWasFed();
    }

    /**
     * Continues after a stop with the bytes already fed, for a stop that turned out to be a pause: the accepting
     * side stops after each SASL step, and only a {@code <success/>} it sends makes the peer restart the stream.
     */
    void resume() throws WireProtocolException {
        if (!stopped()) {
            throw new IllegalStateException("parser was not stopped");
        }
        stopOffset = -1;
        parseWhatWasFed();
        if (!stopped() && invalidAfterStop != null) {
            throw invalidAfterStop;
        }
        if (!stopped()) {
            enforceSizeLimit();
        }
    }

    /** Parses the events the bytes fed so far complete; the parser's own errors become protocol errors. */
    private void parseWhatWasFed() throws WireProtocolException {
        try {
            parseAvailableEvents();
        } catch (XMLStreamException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw parserCrash(e);
        }
    }

    /** After a stop: the bytes received after the stopping element, which belong to whoever reads next. */
    byte[] unconsumed() {
        return window.bytesFrom(stopOffset);
    }

    boolean stopped() {
        return stopOffset >= 0;
    }

    /** Received bytes not yet part of a reported item, e.g. the text that made parsing fail. */
    String unreportedText() {
        return window.tail(boundary, MAX_REPORTED_RAW_BYTES).strip();
    }

    private void parseAvailableEvents() throws XMLStreamException, WireProtocolException {
        while (!stopped() && !(finished && mode == Mode.STREAM)) {
            int event = xml.next();
            switch (event) {
                case AsyncXMLStreamReader.EVENT_INCOMPLETE, XMLStreamConstants.END_DOCUMENT -> {
                    return;
                }
                case XMLStreamConstants.START_DOCUMENT -> checkDeclaredEncoding();
                case XMLStreamConstants.DTD -> throw forbidden("a DTD");
                case XMLStreamConstants.COMMENT -> throw forbidden("a comment");
                case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                        throw forbidden("a processing instruction <?" + xml.getPITarget() + "?>");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw forbidden("the entity reference &" + xml.getLocalName() + ";");
                case XMLStreamConstants.START_ELEMENT -> startElement();
                case XMLStreamConstants.END_ELEMENT -> endElement();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
                default -> {
                    // No other event types occur with this configuration.
                }
            }
        }
    }

    private void checkDeclaredEncoding() throws WireProtocolException {
        String declared = xml.getCharacterEncodingScheme();
        if (declared != null && !declared.equalsIgnoreCase("UTF-8")) {
            throw new WireProtocolException(origin + " an XML declaration with encoding '" + declared
                    + "', but XMPP requires UTF-8 (RFC 6120 §11.6)");
        }
    }

    private void startElement() throws XMLStreamException, WireProtocolException {
        depth++;
        rootStarted = true;
        if (mode == Mode.STREAM && depth == 1) {
            streamHeader();
            return;
        }
        int nesting = mode == Mode.STREAM ? depth - 1 : depth;
        if (nesting > limits.maxDepth()) {
            throw new WireProtocolException(origin + " an element nested deeper than the limit of "
                    + limits.maxDepth() + " levels");
        }
        XmlElement.Builder element = XmlElement.builder(xml.getLocalName(), orEmpty(xml.getNamespaceURI()))
                .prefix(xml.getPrefix());
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            element.attribute(attributeKey(i), xml.getAttributeValue(i));
        }
        openElements.push(element);
    }

    private String attributeKey(int index) {
        String ns = orEmpty(xml.getAttributeNamespace(index));
        String local = xml.getAttributeLocalName(index);
        if (ns.isEmpty()) {
            return local;
        }
        return ns.equals(XmppNamespaces.XML) ? "xml:" + local : "{" + ns + "}" + local;
    }

    private void streamHeader() throws XMLStreamException {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < xml.getNamespaceCount(); i++) {
            String prefix = xml.getNamespacePrefix(i);
            attributes.put(prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, xml.getNamespaceURI(i));
        }
        String lang = null;
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String prefix = xml.getAttributePrefix(i);
            String local = xml.getAttributeLocalName(i);
            attributes.put(prefix == null || prefix.isEmpty() ? local : prefix + ":" + local, xml.getAttributeValue(i));
            if (XmppNamespaces.XML.equals(xml.getAttributeNamespace(i)) && local.equals("lang")) {
                lang = xml.getAttributeValue(i);
            }
        }
        String prefix = xml.getPrefix();
        String name = prefix == null || prefix.isEmpty() ? xml.getLocalName() : prefix + ":" + xml.getLocalName();
        long end = endOffset();
        String raw = window.text(boundary, end).strip();
        moveBoundary(end);
        handler.streamHeader(new StreamHeader(name, orEmpty(xml.getNamespaceURI()),
                unqualifiedAttribute("id"), unqualifiedAttribute("from"), unqualifiedAttribute("to"),
                unqualifiedAttribute("version"), lang, attributes.get("xmlns"), attributes, raw));
    }

    private String unqualifiedAttribute(String local) {
        return xml.getAttributeValue("", local);
    }

    private void endElement() throws XMLStreamException, WireProtocolException {
        depth--;
        if (mode == Mode.STREAM && depth == 0) {
            finished = true;
            long end = endOffset();
            String raw = window.text(boundary, end).strip();
            moveBoundary(end);
            handler.closingTag(raw);
            return;
        }
        XmlElement element = openElements.pop().build();
        if (!openElements.isEmpty()) {
            openElements.peek().child(element);
            return;
        }
        long end = endOffset();
        if (end - boundary > limits.maxElementBytes()) {
            throw oversized("<" + element.qualifiedName() + ">");
        }
        String raw = window.text(boundary, end).strip();
        moveBoundary(end);
        if (mode == Mode.SINGLE_ELEMENT) {
            finished = true;
        }
        if (!handler.topLevelElement(element, raw)) {
            stopOffset = end;
        }
    }

    private void text() throws XMLStreamException, WireProtocolException {
        if (!openElements.isEmpty()) {
            openElements.peek().text(xml.getText());
            return;
        }
        // Outside any top-level element: prolog, epilog or between stanzas. Aalto rejects non-space text in
        // prolog and epilog itself; at stream level only whitespace (keepalives) is acceptable.
        String text = xml.getText();
        if (!isXmlWhitespace(text)) {
            throw new WireProtocolException(origin + " text outside any element at stream level: '"
                    + abbreviate(text) + "'");
        }
        if (rootStarted) {
            moveBoundary(endOffset()); // prolog whitespace stays with the header's raw text
        }
    }

    private void enforceSizeLimit() throws WireProtocolException {
        if (bytesFed - boundary <= limits.maxElementBytes()) {
            return;
        }
        XmlElement.Builder unfinished = openElements.peekLast();
        if (unfinished != null) {
            throw oversized("<" + unfinished.build().qualifiedName() + ">");
        }
        throw oversized(rootStarted ? "data between elements" : "the stream header");
    }

    private WireProtocolException oversized(String what) {
        return new WireProtocolException(origin + " " + what + " larger than the limit of "
                + limits.maxElementBytes() + " bytes");
    }

    private WireProtocolException forbidden(String what) {
        return new WireProtocolException(origin + " " + what + ", which XMPP forbids (RFC 6120 §11.1)");
    }

    private WireProtocolException translate(XMLStreamException e) {
        // Aalto's async reader cannot parse DTD internal subsets and fails with an unrelated syntax error,
        // so recognise the DTD from the raw prolog bytes instead.
        if (!rootStarted && window.contains("<!DOCTYPE")) {
            return forbidden("a DTD");
        }
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        String firstLine = (newline < 0 ? message : message.substring(0, newline)).strip();
        Matcher entity = ATTRIBUTE_ENTITY.matcher(firstLine);
        if (entity.find()) {
            return forbidden("the entity reference &" + entity.group(1) + "; in an attribute value");
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ")";
        return new WireProtocolException(origin + " malformed XML: " + firstLine + where, e);
    }

    /**
     * Aalto reports errors found while lazily decoding text as unchecked wrappers, and a few namespace
     * errors as bare RuntimeExceptions; both must end as protocol errors, not as a dead reader thread.
     */
    private WireProtocolException parserCrash(RuntimeException e) {
        if (e.getCause() instanceof XMLStreamException wrapped) {
            return translate(wrapped);
        }
        return new WireProtocolException(origin + " malformed XML: "
                + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }

    private long endOffset() throws XMLStreamException {
        return xml.getLocationInfo().getEndingByteOffset();
    }

    private void moveBoundary(long offset) {
        boundary = offset;
        window.discardBefore(offset);
    }

    private static boolean isXmlWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "…";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
