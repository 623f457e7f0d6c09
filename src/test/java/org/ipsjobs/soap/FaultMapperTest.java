package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import jakarta.xml.bind.UnmarshalException;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.ipsjobs.auth.AuthenticationException;
import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.auth.TooManyAttemptsException;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXParseException;

/**
 * Every kind of failure the fault mapping knows, each decided by its type and the reader's position,
 * never by a library's wording: the messages of the third-party exceptions below are nonsense on
 * purpose, and none of them reaches a reason.
 */
class FaultMapperTest {

    private static final String NONSENSE = "[com.example.Internal] zz-qq 42";
    private final FaultMapper mapper = new FaultMapper(SchemaIndex.load());

    @Test
    void theServicesOwnExceptionsKeepTheirFault() {
        assertFault(map(new AuthenticationException(AuthenticationException.Reason.NO_CREDENTIALS, "none")),
                "authenticationFault", 10000, "none");
        assertFault(map(new AuthenticationException(AuthenticationException.Reason.INVALID_USER, "off")),
                "authenticationFault", 10002, "off");
        assertFault(map(new AuthorizationException(AuthorizationException.Reason.ILLEGAL_COMPANY, "not yours")),
                "authorizationFault", 20006, "not yours");
        assertFault(map(new Fault(InvalidRequestException.missing("jobName is required"))), "ipsApiFault", 30002,
                "jobName is required");
        assertFault(map(InvalidRequestException.invalid("bad")), "ipsApiFault", 30001, "bad");
        assertFault(map(new MalformedRequestException("not SOAP")), "ipsApiFault", 30003, "not SOAP");
        assertFault(map(new TooManyAttemptsException("wait")), "ipsApiFault", 30001, "wait");
    }

    @Test
    void soapFaultsAboutTheEnvelopeKeepTheirSoapCode() {
        IpsFault must = mapper.map(new SoapFault(NONSENSE, Soap11.getInstance().getMustUnderstand()), null,
                List.of(new QName("urn:x", "foo")));
        assertThat(must.soapCode()).isEqualTo(IpsFault.SoapCode.MUST_UNDERSTAND);
        assertThat(must.code()).isEqualTo(30003);
        assertThat(must.reason()).contains("{urn:x}foo").doesNotContain(NONSENSE);

        IpsFault version = map(new SoapFault(NONSENSE, Soap11.getInstance().getVersionMismatch()));
        assertThat(version.soapCode()).isEqualTo(IpsFault.SoapCode.VERSION_MISMATCH);
        assertThat(version.code()).isEqualTo(30003);
    }

    @Test
    void aStreamThatCannotBeParsedIsNotWellFormed() {
        IpsFault fault = map(new Fault(new RuntimeException(NONSENSE, new XMLStreamException(NONSENSE))));
        assertFault(fault, "ipsApiFault", 30003, "not well-formed");
    }

    @Test
    void aLimitIsNamed() {
        IpsFault fault = map(new Fault(new UnmarshalException(NONSENSE,
                new RequestReader.RequestLimitException("The request holds more than 100 elements"))));
        assertFault(fault, "ipsApiFault", 30003, "more than 100 elements");
    }

    @Test
    void aMissingRequiredElementIsFoundFromThePositionAndTheContract() {
        // submitJobParam with companyHandle, then imageServingPublishJob: jobName was skipped
        RequestReader.Position at = new RequestReader.Position(List.of("submitJobParam", "imageServingPublishJob"),
                RequestReader.Event.START, List.of("companyHandle", "imageServingPublishJob"), null, false,
                ApiNamespaces.CANONICAL);
        assertFault(unmarshal(at), "ipsApiFault", 30002, "jobName");

        RequestReader.Position end = new RequestReader.Position(List.of("stopJobParam"), RequestReader.Event.END,
                List.of("jobHandle"), null, false, null);
        assertFault(unmarshal(end), "ipsApiFault", 30002, "companyHandle");
    }

    @Test
    void aBadValueUnexpectedElementOrMarkupInTextIsInvalid() {
        RequestReader.Position value = new RequestReader.Position(List.of("getJobLogsParam", "numRows"),
                RequestReader.Event.END, List.of(), "ten", false, null);
        assertFault(unmarshal(value), "ipsApiFault", 30001, "numRows must be a whole number");
        assertThat(unmarshal(value).reason()).contains("'ten'");

        RequestReader.Position unknown = new RequestReader.Position(List.of("getActiveJobsParam", "colour"),
                RequestReader.Event.START, List.of("companyHandle", "colour"), null, false, ApiNamespaces.CANONICAL);
        assertFault(unmarshal(unknown), "ipsApiFault", 30001, "Unexpected element colour");

        RequestReader.Position markup = new RequestReader.Position(
                List.of("getActiveJobsParam", "companyHandle", "x"), RequestReader.Event.START, List.of("x"), null,
                false, ApiNamespaces.CANONICAL);
        assertFault(unmarshal(markup), "ipsApiFault", 30001, "companyHandle holds a value, not elements");

        RequestReader.Position twice = new RequestReader.Position(List.of("getActiveJobsParam", "companyHandle"),
                RequestReader.Event.START, List.of("companyHandle", "companyHandle"), null, false, ApiNamespaces.CANONICAL);
        assertFault(unmarshal(twice), "ipsApiFault", 30001, "more than once");

        RequestReader.Position typed = new RequestReader.Position(List.of("getActiveJobsParam", "companyHandle"),
                RequestReader.Event.START, List.of("companyHandle"), null, true, ApiNamespaces.CANONICAL);
        assertFault(unmarshal(typed), "ipsApiFault", 30001, "attribute");
    }

    @Test
    void aSchemaErrorBeforeTheBodyIsTheAuthHeader() {
        IpsFault fault = mapper.map(new Fault(new SAXParseException(NONSENSE, null)), null, List.of());
        assertFault(fault, "ipsApiFault", 30001, "authHeader");
    }

    @Test
    void unreadableBytesBeforeAnyXmlAreARequestProblem() {
        assertFault(map(new Fault(new IOException(NONSENSE))), "ipsApiFault", 30003, "Content-Type");
    }

    @Test
    void anythingElseIsOursAndIsNotDescribed() {
        for (Throwable bug : List.<Throwable>of(new NullPointerException(NONSENSE), new IllegalStateException(NONSENSE),
                new Fault(new ArrayIndexOutOfBoundsException(NONSENSE)))) {
            IpsFault fault = map(bug);
            assertThat(fault.code()).as("%s", bug).isEqualTo(30000);
            assertThat(fault.soapCode()).isEqualTo(IpsFault.SoapCode.SERVER);
            assertThat(fault.reason()).contains("reference").doesNotContain(NONSENSE);
        }
        // an I/O failure after the body was read (writing the answer, say) is not blamed on the client
        RequestReader.Position read = new RequestReader.Position(List.of("getActiveJobsParam"), RequestReader.Event.END,
                List.of(), null, false, null);
        assertThat(mapper.map(new IOException(NONSENSE), read, List.of()).code()).isEqualTo(30000);
    }

    private IpsFault map(Throwable error) {
        return mapper.map(error, null, List.of());
    }

    private IpsFault unmarshal(RequestReader.Position at) {
        return mapper.map(new Fault(new UnmarshalException(NONSENSE, new SAXParseException(NONSENSE, null))), at, List.of());
    }

    private static void assertFault(IpsFault fault, String element, int code, String mention) {
        assertThat(fault.kind().element()).as("%s", fault).isEqualTo(element);
        assertThat(fault.code()).as("%s", fault).isEqualTo(code);
        assertThat(fault.reason()).as("%s", fault).contains(mention).doesNotContain(NONSENSE);
        assertThat(fault.clientError()).isTrue();
    }
}
