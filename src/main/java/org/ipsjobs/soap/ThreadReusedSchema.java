package org.ipsjobs.soap;

import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

/**
 * The contract's compiled schema, handing each thread the same validator again instead of a new one
 * per request. CXF asks the schema for a fresh {@link Validator} to check the SOAP headers and for a
 * fresh {@link ValidatorHandler} to check the body as JAXB reads it; building either sets up a whole
 * Xerces validation pipeline, which was the largest single cost of a small request. Both are meant
 * to be used again once a document is done, one document at a time, so one per thread is safe: a
 * request is validated on one thread, the header before the body.
 */
final class ThreadReusedSchema extends Schema {

    private final Schema schema;
    private final ThreadLocal<Validator> validators;
    private final ThreadLocal<ValidatorHandler> handlers;

    ThreadReusedSchema(Schema schema) {
        this.schema = schema;
        this.validators = ThreadLocal.withInitial(schema::newValidator);
        this.handlers = ThreadLocal.withInitial(schema::newValidatorHandler);
    }

    @Override
    public Validator newValidator() {
        Validator validator = validators.get();
        validator.reset(); // back to the state of a new one: no error handler or resolver left from before
        return validator;
    }

    @Override
    public ValidatorHandler newValidatorHandler() {
        ValidatorHandler handler = handlers.get();
        // a new one has these unset; the caller sets what it needs, and the next document resets the rest
        handler.setContentHandler(null);
        handler.setErrorHandler(null);
        return handler;
    }
}
