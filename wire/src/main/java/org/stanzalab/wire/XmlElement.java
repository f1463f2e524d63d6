package org.stanzalab.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable XML element: what the driver hands out for every received top-level element.
 *
 * <p>Attribute keys: plain attributes by local name ({@code "type"}), {@code xml:} attributes as
 * {@code "xml:lang"}, any other namespaced attribute in Clark notation {@code "{namespace}local"}.
 * Namespace declarations are not attributes; they are reflected in {@link #namespace()}.
 * Lookups that may find nothing return {@link Optional}.
 */
public final class XmlElement {
    private final String prefix;
    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    /** Text nodes (String) and child elements in document order, so mixed content serialises faithfully. */
    private final List<Object> content;

    private XmlElement(Builder b) {
        this.prefix = b.prefix;
        this.name = b.name;
        this.namespace = b.namespace;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.content = List.copyOf(b.content);
    }

    public static Builder builder(String name, String namespace) {
        return new Builder(name, namespace);
    }

    /** Parses one element with the same hardened parser used for streams (default {@link ParserLimits}). */
    public static XmlElement parse(String xml) throws WireProtocolException {
        return HardenedStreamParser.parseElement(xml.getBytes(StandardCharsets.UTF_8), ParserLimits.DEFAULT);
    }

    /** Local name, e.g. "error" for {@code <stream:error>}. */
    public String name() {
        return name;
    }

    /** Namespace URI; "" if the element is in no namespace. */
    public String namespace() {
        return namespace;
    }

    /** Prefix as received ("stream" for {@code <stream:error>}); "" for the default namespace. */
    public String prefix() {
        return prefix;
    }

    public String qualifiedName() {
        return prefix.isEmpty() ? name : prefix + ":" + name;
    }

    public boolean is(String localName, String ns) {
        return name.equals(localName) && namespace.equals(ns);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public List<XmlElement> children() {
        List<XmlElement> children = new ArrayList<>();
        for (Object node : content) {
            if (node instanceof XmlElement child) {
                children.add(child);
            }
        }
        return Collections.unmodifiableList(children);
    }

    public List<XmlElement> children(String localName, String ns) {
        return children().stream().filter(c -> c.is(localName, ns)).toList();
    }

    /** First child with this name and namespace. */
    public Optional<XmlElement> child(String localName, String ns) {
        return children().stream().filter(c -> c.is(localName, ns)).findFirst();
    }

    public boolean hasChild(String localName, String ns) {
        return child(localName, ns).isPresent();
    }

    /** Text of the first matching child. */
    public Optional<String> childText(String localName, String ns) {
        return child(localName, ns).map(XmlElement::text);
    }

    /** Concatenated character data directly inside this element (not of descendants). */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Object node : content) {
            if (node instanceof String s) {
                text.append(s);
            }
        }
        return text.toString();
    }

    /** A copy with attribute {@code key} set to {@code value} (added, or replaced in place). */
    public XmlElement withAttribute(String key, String value) {
        Builder copy = copyWithoutContent();
        copy.attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        copy.content.addAll(content);
        return copy.build();
    }

    /** A copy without attribute {@code key} (the same element if it has none). */
    public XmlElement withoutAttribute(String key) {
        Builder copy = copyWithoutContent();
        copy.attributes.remove(Objects.requireNonNull(key, "key"));
        copy.content.addAll(content);
        return copy.build();
    }

    /** A copy whose child elements are passed through {@code change}; a child changed to null is left out. */
    public XmlElement withChildren(java.util.function.UnaryOperator<XmlElement> change) {
        Builder copy = copyWithoutContent();
        for (Object node : content) {
            Object changed = node instanceof XmlElement child ? change.apply(child) : node;
            if (changed != null) {
                copy.content.add(changed);
            }
        }
        return copy.build();
    }

    private Builder copyWithoutContent() {
        Builder copy = new Builder(name, namespace).prefix(prefix);
        copy.attributes.putAll(attributes);
        return copy;
    }

    /** Standalone XML: declares every namespace it uses, escapes text and attribute values. */
    public String toXml() {
        StringBuilder out = new StringBuilder();
        Map<String, String> prefixes = new HashMap<>();
        prefixes.put("xml", XmppNamespaces.XML);
        write(out, "", prefixes);
        return out.toString();
    }

    @Override
    public String toString() {
        return toXml();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XmlElement other && prefix.equals(other.prefix) && name.equals(other.name)
                && namespace.equals(other.namespace) && attributes.equals(other.attributes)
                && content.equals(other.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, attributes, content);
    }

    private void write(StringBuilder out, String defaultNs, Map<String, String> inheritedPrefixes) {
        Map<String, String> prefixes = inheritedPrefixes;
        String innerDefaultNs = defaultNs;
        StringBuilder declarations = new StringBuilder();
        if (prefix.isEmpty()) {
            if (!namespace.equals(defaultNs)) {
                declarations.append(" xmlns='").append(XmlEscape.attribute(namespace)).append('\'');
                innerDefaultNs = namespace;
            }
        } else if (!namespace.equals(prefixes.get(prefix))) {
            prefixes = new HashMap<>(prefixes);
            prefixes.put(prefix, namespace);
            declarations.append(" xmlns:").append(prefix).append("='").append(XmlEscape.attribute(namespace)).append('\'');
        }
        StringBuilder attributeText = new StringBuilder();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String key = attribute.getKey();
            String written = key;
            if (key.startsWith("{")) {
                int close = key.indexOf('}');
                String ns = key.substring(1, close);
                String attributePrefix = prefixFor(ns, prefixes);
                if (attributePrefix == null) {
                    attributePrefix = unusedPrefix(prefixes);
                    prefixes = new HashMap<>(prefixes);
                    prefixes.put(attributePrefix, ns);
                    declarations.append(" xmlns:").append(attributePrefix).append("='")
                            .append(XmlEscape.attribute(ns)).append('\'');
                }
                written = attributePrefix + ":" + key.substring(close + 1);
            }
            attributeText.append(' ').append(written).append("='")
                    .append(XmlEscape.attribute(attribute.getValue())).append('\'');
        }
        out.append('<').append(qualifiedName()).append(declarations).append(attributeText);
        if (content.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Object node : content) {
            if (node instanceof XmlElement child) {
                child.write(out, innerDefaultNs, prefixes);
            } else {
                out.append(XmlEscape.text((String) node));
            }
        }
        out.append("</").append(qualifiedName()).append('>');
    }

    private static String prefixFor(String ns, Map<String, String> prefixes) {
        for (Map.Entry<String, String> binding : prefixes.entrySet()) {
            if (binding.getValue().equals(ns)) {
                return binding.getKey();
            }
        }
        return null;
    }

    private static String unusedPrefix(Map<String, String> prefixes) {
        int n = 0;
        while (prefixes.containsKey("ns" + n)) {
            n++;
        }
        return "ns" + n;
    }

    /** Mutable builder; also used by the parser. Does not validate names or characters. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private String prefix = "";
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Object> content = new ArrayList<>();
        /** The parser delivers text in arbitrary pieces (down to one byte); collect a run before storing it. */
        private final StringBuilder pendingText = new StringBuilder();

        private Builder(String name, String namespace) {
            this.name = Objects.requireNonNull(name, "name");
            this.namespace = namespace == null ? "" : namespace;
        }

        public Builder prefix(String newPrefix) {
            this.prefix = newPrefix == null ? "" : newPrefix;
            return this;
        }

        /** Key convention as in {@link XmlElement}: "type", "xml:lang" or "{namespace}local". */
        public Builder attribute(String key, String value) {
            attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder child(XmlElement child) {
            Objects.requireNonNull(child, "child");
            storePendingText();
            content.add(child);
            return this;
        }

        public Builder text(String text) {
            pendingText.append(text);
            return this;
        }

        public XmlElement build() {
            storePendingText();
            return new XmlElement(this);
        }

        private void storePendingText() {
            if (pendingText.length() > 0) {
                content.add(pendingText.toString());
                pendingText.setLength(0);
            }
        }
    }
}
