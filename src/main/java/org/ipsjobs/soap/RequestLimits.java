package org.ipsjobs.soap;

import java.util.Map;

import org.apache.cxf.staxutils.StaxUtils;

/**
 * Every limit on what one request may cost, in one place: the body size, checked as the bytes arrive,
 * and the XML parser's limits, handed to CXF's StAX reader (Woodstox). DTDs are never processed:
 * CXF's parser refuses a DOCTYPE outright, so external entities and entity expansion cannot happen.
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

    public RequestLimits {
        if (maxRequestBytes < 1024 || maxElementDepth < 8 || maxChildElements < 1 || maxElementCount < 100
                || maxTextLength < 1024 || maxAttributeCount < 1 || maxAttributeSize < 256) {
            throw new IllegalArgumentException("request limits are too small to carry any IPS request");
        }
    }

    /** Puts the parser limits where CXF's StAX reader looks for them (the endpoint's properties). */
    void applyTo(Map<String, Object> endpointProperties) {
        endpointProperties.put(StaxUtils.MAX_ELEMENT_DEPTH, maxElementDepth);
        endpointProperties.put(StaxUtils.MAX_CHILD_ELEMENTS, maxChildElements);
        endpointProperties.put(StaxUtils.MAX_ELEMENT_COUNT, maxElementCount);
        endpointProperties.put(StaxUtils.MAX_TEXT_LENGTH, maxTextLength);
        endpointProperties.put(StaxUtils.MAX_ATTRIBUTE_COUNT, maxAttributeCount);
        endpointProperties.put(StaxUtils.MAX_ATTRIBUTE_SIZE, maxAttributeSize);
        endpointProperties.put(StaxUtils.MAX_XML_CHARACTERS, maxRequestBytes);
    }
}
