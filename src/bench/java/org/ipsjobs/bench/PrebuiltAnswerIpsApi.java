package org.ipsjobs.bench;

import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.jws.WebService;
import jakarta.xml.bind.JAXBContext;

import org.ipsjobs.ipsapi.GetActiveJobsParam;
import org.ipsjobs.ipsapi.GetActiveJobsReturn;
import org.ipsjobs.ipsapi.GetJobLogsParam;
import org.ipsjobs.ipsapi.GetJobLogsReturn;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The big-answer reference: getActiveJobs and getJobLogs return one object built at start from the
 * service's own answers (w2's 20 ActiveJobs with their task progress, w4's 100 log rows), the same
 * object on every call, so each request costs what CXF and JAXB take to marshal an answer of that
 * size and nothing else. Every other operation answers as {@link NoopIpsApi} does.
 */
@WebService(endpointInterface = "org.ipsjobs.ipsapi.IpsApiPortType", serviceName = "IpsApiService",
        portName = "IpsApiSoap12Port", targetNamespace = "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta",
        wsdlLocation = "classpath:wsdl/IpsApi.wsdl")
public class PrebuiltAnswerIpsApi extends NoopIpsApi {

    private final GetActiveJobsReturn activeJobs;
    private final GetJobLogsReturn jobLogs;

    PrebuiltAnswerIpsApi(GetActiveJobsReturn activeJobs, GetJobLogsReturn jobLogs) {
        this.activeJobs = activeJobs;
        this.jobLogs = jobLogs;
    }

    /** Reads the two SOAP answers the harness captured from the service (w2 and w4). */
    static PrebuiltAnswerIpsApi fromAnswers(Path activeJobsAnswer, Path jobLogsAnswer) throws Exception {
        JAXBContext jaxb = JAXBContext.newInstance(GetActiveJobsReturn.class, GetJobLogsReturn.class);
        GetActiveJobsReturn jobs = jaxb.createUnmarshaller().unmarshal(bodyContent(activeJobsAnswer),
                GetActiveJobsReturn.class).getValue();
        GetJobLogsReturn logs = jaxb.createUnmarshaller().unmarshal(bodyContent(jobLogsAnswer),
                GetJobLogsReturn.class).getValue();
        if (jobs.getJobArray() == null || jobs.getJobArray().getItems().isEmpty()
                || logs.getJobLogArray() == null || logs.getJobLogArray().getItems().isEmpty()) {
            throw new IllegalStateException("the captured answers hold no jobs or no logs");
        }
        return new PrebuiltAnswerIpsApi(jobs, logs);
    }

    /** The operation's answer element: the first element inside the SOAP Body. */
    private static Element bodyContent(Path answer) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(answer.toFile());
        Node body = doc.getElementsByTagNameNS("*", "Body").item(0);
        for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new IllegalStateException(answer + " has an empty SOAP Body");
    }

    @Override
    public GetActiveJobsReturn getActiveJobs(GetActiveJobsParam parameters) {
        return activeJobs;
    }

    @Override
    public GetJobLogsReturn getJobLogs(GetJobLogsParam parameters) {
        return jobLogs;
    }
}
