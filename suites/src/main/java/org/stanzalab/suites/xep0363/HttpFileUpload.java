package org.stanzalab.suites.xep0363;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0363.UploadService.Header;
import org.stanzalab.suites.xep0363.UploadService.Slot;

/**
 * XEP-0363 HTTP File Upload: the upload component found through the server, its slots, and real bytes moved over
 * HTTPS with the run's trust settings. Uploaded files cannot be removed over the protocol (see {@link UploadService}),
 * so every file is a few hundred bytes under a random name.
 */
@StanzalabTest
class HttpFileUpload {
    private static final String VERSION = "1.2.0";

    @Spec(document = "XEP-0363", version = VERSION, section = "3", level = MUST,
          requirement = "the service that hands out upload slots lists the urn:xmpp:http:upload:0 feature in its disco#info")
    @Test
    void serviceThatGivesSlotsAdvertisesTheFeature(Lab lab) {
        // find() already requires the feature; here the slot shows the service really speaks the protocol it lists.
        UploadService service = UploadService.find(lab);

        Slot slot = service.slot(UploadService.fileName(".txt"), 100, "text/plain");

        assertFalse(slot.putUrl().isEmpty(), "the slot has no PUT URL: " + slot.xml().toXml());
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "3", level = SHOULD,
          requirement = "a service with a size limit advertises it as a max-file-size field in bytes, and that figure"
                  + " is the limit it applies: a request one byte over it gets no slot")
    @Test
    void advertisedMaxFileSizeIsTheLimitInBytes(Lab lab) {
        UploadService service = UploadService.find(lab);

        Optional<String> text = service.advertisedMaxSizeText();

        assertTrue(text.isPresent(), "the upload form in the disco#info of " + service.jid + " has no max-file-size field: "
                + service.info().toXml());
        long max = UploadService.parseLong(text.get()).orElseThrow(() -> new AssertionError(
                "max-file-size must be a number of bytes, but it is '" + text.get() + "'"));
        assertTrue(max > 0, "max-file-size must be a positive number of bytes, but it is " + max);
        IQ over = service.request(UploadService.fileName(".bin"), Long.toString(max + 1), "application/octet-stream");
        assertEquals(IQ.Type.error, over.getType(), "a slot was given for " + (max + 1) + " bytes although max-file-size is "
                + max + ": " + over.toXML());
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "4", level = MUST,
          requirement = "a slot carries a PUT and a GET URL, both valid https URIs, and each header of the PUT has a name"
                  + " (one of Authorization, Cookie, Expires) and a value")
    @Test
    void slotHasHttpsPutAndGetUrls(Lab lab) {
        UploadService service = UploadService.find(lab);

        Slot slot = service.slot(UploadService.fileName(".txt"), 120, "text/plain");

        for (String url : new String[] {slot.putUrl(), slot.getUrl()}) {
            URI uri = UploadService.uri(url);
            assertEquals("https", String.valueOf(uri.getScheme()).toLowerCase(), "slot URL without TLS: " + url);
            assertTrue(uri.getHost() != null && !uri.getHost().isEmpty(), "slot URL without a host: " + url);
        }
        for (Header header : slot.headers()) {
            assertTrue(header.name() != null && !header.name().isEmpty(), "a <header/> of the slot has no name: " + slot.xml().toXml());
            assertTrue(header.allowed(), "the slot carries header '" + header.name()
                    + "', but only Authorization, Cookie and Expires are allowed: " + slot.xml().toXml());
        }
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "4", level = SHOULD,
          requirement = "the service keeps the file name, and above all its ending, in the slot's URLs")
    @Test
    void slotUrlsKeepTheFileName(Lab lab) {
        UploadService service = UploadService.find(lab);
        String name = UploadService.fileName(".txt");

        Slot slot = service.slot(name, 80, "text/plain");

        assertTrue(UploadService.uri(slot.putUrl()).getPath().endsWith("/" + name), "the PUT URL lost the file name " + name + ": " + slot.putUrl());
        assertTrue(UploadService.uri(slot.getUrl()).getPath().endsWith("/" + name), "the GET URL lost the file name " + name + ": " + slot.getUrl());
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "4", level = MUST,
          requirement = "characters outside ASCII in the slot's URLs are percent-encoded")
    @Test
    void nonAsciiFileNameIsPercentEncoded(Lab lab) {
        UploadService service = UploadService.find(lab);
        String name = "très cool " + UploadService.fileName(".txt");

        Slot slot = service.slot(name, 90, "text/plain");

        for (String url : new String[] {slot.putUrl(), slot.getUrl()}) {
            assertTrue(url.chars().allMatch(c -> c > 0x20 && c < 0x7f), "the slot URL has a character that is not printable ASCII"
                    + " (a non-ASCII character or a space must be percent-encoded): " + url);
            UploadService.uri(url);
        }
    }

    enum Upload {
        TEXT("text/plain; charset=utf-8", ".txt"),
        BINARY("application/octet-stream", ".bin"),
        IMAGE("image/png", ".png"),
        NO_CONTENT_TYPE(null, ".dat");

        final String contentType;
        final String ending;

        Upload(String contentType, String ending) {
            this.contentType = contentType;
            this.ending = ending;
        }

        byte[] bytes() {
            return switch (this) {
                case TEXT -> "Stanzalab upload check: grüße, ταχύ, 速い\n".repeat(4).getBytes(StandardCharsets.UTF_8);
                case BINARY, NO_CONTENT_TYPE -> {
                    byte[] all = new byte[256];
                    for (int i = 0; i < all.length; i++) {
                        all[i] = (byte) (255 - i);
                    }
                    yield all;
                }
                // the PNG signature followed by arbitrary bytes: the service stores files, it need not decode them
                case IMAGE -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 0, 1};
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "7", level = MUST,
          requirement = "a PUT of exactly the slot's bytes with the slot's headers succeeds, and from then on the GET URL"
                  + " serves the same bytes")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Upload.class)
    void uploadedBytesAreServedBackUnchanged(Upload upload, Lab lab) {
        UploadService service = UploadService.find(lab);
        byte[] bytes = upload.bytes();
        Slot slot = service.slot(UploadService.fileName(upload.ending), bytes.length, upload.contentType);

        HttpResponse<byte[]> put = service.put(slot, bytes, upload.contentType);

        assertTrue(UploadService.success(put), "the PUT of " + bytes.length + " bytes to " + slot.putUrl()
                + " was answered HTTP " + put.statusCode() + ": " + new String(put.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> get = service.get(slot.getUrl());
        assertEquals(200, get.statusCode(), "the GET of " + slot.getUrl() + " after a successful PUT");
        assertArrayEquals(bytes, get.body(), "the GET URL serves other bytes than were uploaded");
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "2", level = SHOULD,
          requirement = "anyone who knows the GET URL can fetch the file: another client, with no credentials and no"
                  + " XMPP session, gets it")
    @Test
    void uploadedFileIsReadableByAnyoneWithTheUrl(Lab lab) {
        UploadService service = UploadService.find(lab);
        byte[] bytes = "shared with whoever has the link\n".getBytes(StandardCharsets.US_ASCII);
        Slot slot = service.slot(UploadService.fileName(".txt"), bytes.length, "text/plain");
        lab.setUp("the file is uploaded", () -> assertTrue(UploadService.success(service.put(slot, bytes, "text/plain")),
                "the PUT was refused"));
        service.session.close();

        // no XMPP session any more, no slot headers, and the HTTP client keeps no cookies: just the URL
        HttpResponse<byte[]> get = service.get(slot.getUrl());

        assertEquals(200, get.statusCode(), "the GET of " + slot.getUrl() + " by someone else");
        assertArrayEquals(bytes, get.body(), "the GET URL serves other bytes than were uploaded");
    }

    enum WrongLength {
        LONGER(1), SHORTER(-1);

        final int delta;

        WrongLength(int delta) {
            this.delta = delta;
        }

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "7", level = MUST,
          requirement = "the service rejects a PUT whose Content-Length differs from the size the slot was requested for")
    @ParameterizedTest(name = "{0}")
    @EnumSource(WrongLength.class)
    void putOfAnotherLengthIsRejected(WrongLength wrong, Lab lab) {
        UploadService service = UploadService.find(lab);
        int size = 64;
        Slot slot = service.slot(UploadService.fileName(".bin"), size, "application/octet-stream");
        byte[] bytes = new byte[size + wrong.delta];
        java.util.Arrays.fill(bytes, (byte) 'x');

        HttpResponse<byte[]> put = service.put(slot, bytes, "application/octet-stream");

        assertFalse(UploadService.success(put), "a PUT of " + bytes.length + " bytes to a slot for " + size
                + " bytes was accepted (HTTP " + put.statusCode() + ")");
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "7", level = SHOULD,
          requirement = "the service rejects a PUT whose Content-Type differs from the one the slot was requested with")
    @Test
    void putWithAnotherContentTypeIsRejected(Lab lab) {
        UploadService service = UploadService.find(lab);
        byte[] bytes = "not an image\n".getBytes(StandardCharsets.US_ASCII);
        Slot slot = service.slot(UploadService.fileName(".txt"), bytes.length, "text/plain");

        HttpResponse<byte[]> put = service.put(slot, bytes, "image/jpeg");

        assertFalse(UploadService.success(put), "a PUT with Content-Type image/jpeg to a slot requested for text/plain"
                + " was accepted (HTTP " + put.statusCode() + ")");
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "6", level = MAY,
          requirement = "a request for more than the service accepts is refused with not-acceptable (type modify)"
                  + " carrying a file-too-large element")
    @Test
    void tooLargeRequestIsRefusedWithFileTooLarge(Lab lab) {
        UploadService service = UploadService.find(lab);
        long max = service.requireMaxSize();

        IQ reply = service.request(UploadService.fileName(".bin"), Long.toString(max + 1000), "application/octet-stream");

        assertEquals(IQ.Type.error, reply.getType(), "a slot request over max-file-size (" + max + ") got " + reply.toXML());
        StanzaError error = reply.getError();
        assertEquals(StanzaError.Condition.not_acceptable, error.getCondition(), "condition of the refusal: " + error.toXML());
        assertEquals(StanzaError.Type.MODIFY, error.getType(), "type of the refusal: " + error.toXML());
        assertTrue(error.getExtension("file-too-large", UploadService.NS) != null,
                "the refusal carries no <file-too-large xmlns='" + UploadService.NS + "'/>: " + error.toXML());
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "6", level = MAY,
          requirement = "the file-too-large refusal tells the maximum size, the same figure the service advertises")
    @Test
    void fileTooLargeTellsTheMaximumSize(Lab lab) {
        UploadService service = UploadService.find(lab);
        long max = service.requireMaxSize();

        IQ reply = service.request(UploadService.fileName(".bin"), Long.toString(max + 1000), "application/octet-stream");

        StandardExtensionElement tooLarge = reply.getError() == null ? null
                : reply.getError().getExtension("file-too-large", UploadService.NS);
        lab.requireThat(tooLarge != null, "the service does not refuse an oversized request with file-too-large (see"
                + " tooLargeRequestIsRefusedWithFileTooLarge)");
        StandardExtensionElement maxElement = tooLarge.getFirstElement("max-file-size", UploadService.NS);
        assertTrue(maxElement != null, "file-too-large carries no <max-file-size/>: " + tooLarge.toXML());
        assertEquals(Long.toString(max), maxElement.getText().trim(), "the max-file-size in the refusal against the advertised one");
    }

    enum BadRequest {
        NO_SIZE(UploadService.fileName(".txt"), null),
        NO_FILENAME(null, "100"),
        NEGATIVE_SIZE(UploadService.fileName(".txt"), "-100"),
        SIZE_NOT_A_NUMBER(UploadService.fileName(".txt"), "hundred"),
        NEITHER(null, null);

        final String filename;
        final String size;

        BadRequest(String filename, String size) {
            this.filename = filename;
            this.size = size;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "6", level = SHOULD,
          requirement = "a slot request without a filename or a valid size (a required attribute missing, negative, not a"
                  + " number) is refused with an error of a permanent type (modify or cancel), not given a slot")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadRequest.class)
    void malformedSlotRequestIsRefused(BadRequest bad, Lab lab) {
        UploadService service = UploadService.find(lab);

        IQ reply = service.request(bad.filename, bad.size, "text/plain");

        if (reply.getType() != IQ.Type.error) {
            fail("a slot request with " + bad + " was answered with " + reply.toXML());
        }
        StanzaError.Type type = reply.getError().getType();
        assertTrue(type == StanzaError.Type.MODIFY || type == StanzaError.Type.CANCEL,
                "a malformed request is a permanent error, but the type is " + type + ": " + reply.getError().toXML());
    }

    @Spec(document = "XEP-0363", version = VERSION, section = "9.3", level = SHOULD,
          requirement = "slot URLs contain long random parts: two slots for the same file name get different URLs")
    @Test
    void slotsForTheSameNameGetDifferentUrls(Lab lab) {
        UploadService service = UploadService.find(lab);
        String name = UploadService.fileName(".txt");

        Slot first = service.slot(name, 50, "text/plain");
        Slot second = service.slot(name, 50, "text/plain");

        assertNotEquals(first.putUrl(), second.putUrl(), "two slots for " + name + " share the PUT URL");
        assertNotEquals(first.getUrl(), second.getUrl(), "two slots for " + name + " share the GET URL");
        String a = first.getUrl();
        String b = second.getUrl();
        int common = 0;
        while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        int differing = Math.max(a.length(), b.length()) - common - ("/" + name).length();
        assertTrue(differing >= 16, "the GET URLs of two slots differ in only " + Math.max(differing, 0)
                + " characters before the file name, which is guessable: " + a + " and " + b);
    }
}
