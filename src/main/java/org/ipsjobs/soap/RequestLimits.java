package org.ipsjobs.soap;

import java.util.Map;

import org.apache.cxf.staxutils.StaxUtils;

/**
 * Every limit on what one XML request may cost, in one place: the body size, checked as the bytes
 * arrive (by the server's request gate), and the structure of the XML, checked as it is read (by
 * {@link RequestReader}). DTDs are never processed: CXF's parser refuses a DOCTYPE outright, so
 * external entities and entity expansion cannot happen.
 *
 * @param maxRequestBytes largest request body accepted
 * @param maxElementDepth deepest element nesting
 * @param maxChildElements most child elements under one element
 * @param maxElementCount most elements in one request
 * @param maxTextLength longest text content of one element, in characters
 * @param maxAttributeCount most attributes on one element
 * @param maxAttributeSize longest attribute value, in characters
 */
public record RequestLimits(long maxRequestBytes, int maxElementDepth, int maxChildElements, long maxElementCount,
        int maxTextLength, int maxAttributeCount, int maxAttributeSize) {

    /** 10 MB bodies, 64 levels, 20,000 children, 200,000 elements, 1 MB texts, 64 attributes of 64 KB. */
    public static RequestLimits defaults() {
        return new RequestLimits(10L * 1024 * 1024, 64, 20_000, 200_000, 1024 * 1024, 64, 64 * 1024);
    }

    /** The smallest value of each limit: below these no ordinary IPS request fits, so they are refused. */
    public static final long MIN_REQUEST_BYTES = 1024;
    public static final int MIN_ELEMENT_DEPTH = 8;
    public static final int MIN_CHILD_ELEMENTS = 16;
    public static final long MIN_ELEMENT_COUNT = 100;
    public static final int MIN_TEXT_LENGTH = 1024;
    public static final int MIN_ATTRIBUTE_COUNT = 1;
    public static final int MIN_ATTRIBUTE_SIZE = 256;

    public RequestLimits {
        atLeast("maxRequestBytes", maxRequestBytes, MIN_REQUEST_BYTES);
        atLeast("maxElementDepth", maxElementDepth, MIN_ELEMENT_DEPTH);
        atLeast("maxChildElements", maxChildElements, MIN_CHILD_ELEMENTS);
        atLeast("maxElementCount", maxElementCount, MIN_ELEMENT_COUNT);
        atLeast("maxTextLength", maxTextLength, MIN_TEXT_LENGTH);
        atLeast("maxAttributeCount", maxAttributeCount, MIN_ATTRIBUTE_COUNT);
        atLeast("maxAttributeSize", maxAttributeSize, MIN_ATTRIBUTE_SIZE);
    }

    private static void atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", not " + value);
        }
    }

    /**
     * Puts backstop limits where CXF's StAX reader (Woodstox) looks for them, the endpoint's
     * properties. {@link RequestReader} enforces the limits themselves, with reasons that name them;
     * the parser's own limits are set above them, so they only act if that reader were ever bypassed.
     */
    void applyTo(Map<String, Object> endpointProperties) {
        endpointProperties.put(StaxUtils.MAX_ELEMENT_DEPTH, 2 * maxElementDepth);
        endpointProperties.put(StaxUtils.MAX_CHILD_ELEMENTS, 2 * maxChildElements);
        endpointProperties.put(StaxUtils.MAX_ELEMENT_COUNT, 2 * maxElementCount);
        endpointProperties.put(StaxUtils.MAX_TEXT_LENGTH, (int) Math.min(Integer.MAX_VALUE, maxRequestBytes));
        endpointProperties.put(StaxUtils.MAX_ATTRIBUTE_COUNT, 2 * maxAttributeCount);
        endpointProperties.put(StaxUtils.MAX_ATTRIBUTE_SIZE, 2 * maxAttributeSize);
        endpointProperties.put(StaxUtils.MAX_XML_CHARACTERS, maxRequestBytes);
    }
}
