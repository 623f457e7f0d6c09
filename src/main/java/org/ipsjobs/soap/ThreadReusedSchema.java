package org.ipsjobs.soap;

import java.io.IOException;

import javax.xml.transform.Result;
import javax.xml.transform.Source;
import javax.xml.validation.Schema;
import javax.xml.validation.TypeInfoProvider;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * The contract's compiled schema, handing each thread the same validator again instead of a new one
 * per request. CXF asks the schema for a fresh {@link Validator} to check the SOAP headers and for a
 * fresh {@link ValidatorHandler} to check the body as JAXB reads it; building either sets up a whole
 * Xerces validation pipeline, which was the largest single cost of a small request. Both are meant
 * to be used again once a document is done, one document at a time, so one per thread is safe: a
 * request is validated on one thread, the header before the body.
 *
 * <p>The validators handed out pass every call on, except that the error handler callers set goes
 * into a {@link SwitchableErrorHandler} installed once. Setting an error handler on the JDK's
 * validator counts as a change of its configuration, and the next document then re-reads every
 * feature and property of the schema loader instead of only clearing its state: CXF and JAXB set one
 * on every request, and that re-reading took about 6% of the CPU of a small request.
 */
final class ThreadReusedSchema extends Schema {

    private final Schema schema;
    private final ThreadLocal<ReusedValidator> validators;
    private final ThreadLocal<ReusedValidatorHandler> handlers;

    ThreadReusedSchema(Schema schema) {
        this.schema = schema;
        this.validators = ThreadLocal.withInitial(() -> new ReusedValidator(schema.newValidator()));
        this.handlers = ThreadLocal.withInitial(() -> new ReusedValidatorHandler(schema.newValidatorHandler()));
    }

    @Override
    public Validator newValidator() {
        ReusedValidator validator = validators.get();
        validator.reset(); // back to the state of a new one: no error handler or resolver left from before
        return validator;
    }

    @Override
    public ValidatorHandler newValidatorHandler() {
        ReusedValidatorHandler handler = handlers.get();
        // a new one has these unset; the caller sets what it needs, and the next document resets the rest
        handler.setContentHandler(null);
        handler.setErrorHandler(null);
        return handler;
    }

    /**
     * Passes errors to whichever handler was set last; with none, it does what the JDK's validator does
     * without one: warnings are ignored, errors and fatal errors thrown.
     */
    static final class SwitchableErrorHandler implements ErrorHandler {
        private ErrorHandler target;

        void target(ErrorHandler handler) {
            this.target = handler;
        }

        ErrorHandler target() {
            return target;
        }

        @Override
        public void warning(SAXParseException e) throws SAXException {
            if (target != null) {
                target.warning(e);
            }
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            if (target == null) {
                throw e;
            }
            target.error(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            if (target == null) {
                throw e;
            }
            target.fatalError(e);
        }
    }

    /** A validator whose error handler is switched rather than set on the JDK's validator. */
    static final class ReusedValidator extends Validator {
        private final Validator validator;
        private final SwitchableErrorHandler errors = new SwitchableErrorHandler();

        ReusedValidator(Validator validator) {
            this.validator = validator;
            validator.setErrorHandler(errors);
        }

        @Override
        public void reset() {
            errors.target(null);
            if (validator.getResourceResolver() != null) {
                validator.setResourceResolver(null);
            }
        }

        @Override
        public void validate(Source source, Result result) throws SAXException, IOException {
            validator.validate(source, result);
        }

        @Override
        public void setErrorHandler(ErrorHandler errorHandler) {
            errors.target(errorHandler);
        }

        @Override
        public ErrorHandler getErrorHandler() {
            return errors.target();
        }

        @Override
        public void setResourceResolver(LSResourceResolver resourceResolver) {
            validator.setResourceResolver(resourceResolver);
        }

        @Override
        public LSResourceResolver getResourceResolver() {
            return validator.getResourceResolver();
        }

        @Override
        public boolean getFeature(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
            return validator.getFeature(name);
        }

        @Override
        public void setFeature(String name, boolean value) throws SAXNotRecognizedException, SAXNotSupportedException {
            validator.setFeature(name, value);
        }

        @Override
        public Object getProperty(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
            return validator.getProperty(name);
        }

        @Override
        public void setProperty(String name, Object object) throws SAXNotRecognizedException, SAXNotSupportedException {
            validator.setProperty(name, object);
        }
    }

    /** A validator handler whose error handler is switched rather than set on the JDK's handler. */
    static final class ReusedValidatorHandler extends ValidatorHandler {
        private final ValidatorHandler handler;
        private final SwitchableErrorHandler errors = new SwitchableErrorHandler();

        ReusedValidatorHandler(ValidatorHandler handler) {
            this.handler = handler;
            handler.setErrorHandler(errors);
        }

        @Override
        public void setContentHandler(ContentHandler receiver) {
            handler.setContentHandler(receiver);
        }

        @Override
        public ContentHandler getContentHandler() {
            return handler.getContentHandler();
        }

        @Override
        public void setErrorHandler(ErrorHandler errorHandler) {
            errors.target(errorHandler);
        }

        @Override
        public ErrorHandler getErrorHandler() {
            return errors.target();
        }

        @Override
        public void setResourceResolver(LSResourceResolver resourceResolver) {
            handler.setResourceResolver(resourceResolver);
        }

        @Override
        public LSResourceResolver getResourceResolver() {
            return handler.getResourceResolver();
        }

        @Override
        public TypeInfoProvider getTypeInfoProvider() {
            return handler.getTypeInfoProvider();
        }

        @Override
        public boolean getFeature(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
            return handler.getFeature(name);
        }

        @Override
        public void setFeature(String name, boolean value) throws SAXNotRecognizedException, SAXNotSupportedException {
            handler.setFeature(name, value);
        }

        @Override
        public Object getProperty(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
            return handler.getProperty(name);
        }

        @Override
        public void setProperty(String name, Object object) throws SAXNotRecognizedException, SAXNotSupportedException {
            handler.setProperty(name, object);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            handler.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            handler.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            handler.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            handler.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            handler.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            handler.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            handler.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            handler.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            handler.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            handler.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            handler.skippedEntity(name);
        }
    }
}
