package org.ipsjobs.bench;

import jakarta.jws.WebService;

import org.ipsjobs.ipsapi.ActiveJobArray;
import org.ipsjobs.ipsapi.AssetJobLogArray;
import org.ipsjobs.ipsapi.CheckLoginParam;
import org.ipsjobs.ipsapi.CheckLoginReturn;
import org.ipsjobs.ipsapi.DeleteJobParam;
import org.ipsjobs.ipsapi.DeleteJobReturn;
import org.ipsjobs.ipsapi.ExecuteJobParam;
import org.ipsjobs.ipsapi.ExecuteJobReturn;
import org.ipsjobs.ipsapi.GetActiveJobsParam;
import org.ipsjobs.ipsapi.GetActiveJobsReturn;
import org.ipsjobs.ipsapi.GetAssetJobLogsParam;
import org.ipsjobs.ipsapi.GetAssetJobLogsReturn;
import org.ipsjobs.ipsapi.GetJobLogDetailsParam;
import org.ipsjobs.ipsapi.GetJobLogDetailsReturn;
import org.ipsjobs.ipsapi.GetJobLogsParam;
import org.ipsjobs.ipsapi.GetJobLogsReturn;
import org.ipsjobs.ipsapi.GetScheduledJobsParam;
import org.ipsjobs.ipsapi.GetScheduledJobsReturn;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.ipsapi.JobLogArray;
import org.ipsjobs.ipsapi.PauseJobParam;
import org.ipsjobs.ipsapi.PauseJobReturn;
import org.ipsjobs.ipsapi.ResumeJobParam;
import org.ipsjobs.ipsapi.ResumeJobReturn;
import org.ipsjobs.ipsapi.ScheduledJobArray;
import org.ipsjobs.ipsapi.StopJobParam;
import org.ipsjobs.ipsapi.StopJobReturn;
import org.ipsjobs.ipsapi.SubmitJobParam;
import org.ipsjobs.ipsapi.SubmitJobReturn;

/**
 * The floor of the benchmarks: every operation answers at once with a small element (a handle or a
 * name taken from the request, or an empty list) and touches no job store. Published behind the
 * service's own interceptors, it shows what the CXF + Jetty stack costs on its own.
 */
@WebService(endpointInterface = "org.ipsjobs.ipsapi.IpsApiPortType", serviceName = "IpsApiService",
        portName = "IpsApiSoap12Port", targetNamespace = "http://www.scene7.com/IpsApi/xsd/2022-11-01-beta",
        wsdlLocation = "classpath:wsdl/IpsApi.wsdl")
public class NoopIpsApi implements IpsApiPortType {

    @Override
    public GetActiveJobsReturn getActiveJobs(GetActiveJobsParam parameters) {
        GetActiveJobsReturn out = new GetActiveJobsReturn();
        out.setJobArray(new ActiveJobArray());
        return out;
    }

    @Override
    public SubmitJobReturn submitJob(SubmitJobParam parameters) {
        SubmitJobReturn out = new SubmitJobReturn();
        out.setJobHandle(parameters.getCompanyHandle() + "|" + parameters.getJobName() + "|");
        return out;
    }

    @Override
    public GetJobLogsReturn getJobLogs(GetJobLogsParam parameters) {
        GetJobLogsReturn out = new GetJobLogsReturn();
        out.setJobLogArray(new JobLogArray());
        return out;
    }

    @Override
    public GetJobLogDetailsReturn getJobLogDetails(GetJobLogDetailsParam parameters) {
        GetJobLogDetailsReturn out = new GetJobLogDetailsReturn();
        out.setJobLogArray(new JobLogArray());
        return out;
    }

    @Override
    public GetAssetJobLogsReturn getAssetJobLogs(GetAssetJobLogsParam parameters) {
        GetAssetJobLogsReturn out = new GetAssetJobLogsReturn();
        out.setJobLogArray(new AssetJobLogArray());
        return out;
    }

    @Override
    public GetScheduledJobsReturn getScheduledJobs(GetScheduledJobsParam parameters) {
        GetScheduledJobsReturn out = new GetScheduledJobsReturn();
        out.setJobArray(new ScheduledJobArray());
        return out;
    }

    @Override
    public CheckLoginReturn checkLogin(CheckLoginParam parameters) {
        CheckLoginReturn out = new CheckLoginReturn();
        out.setStatus("ValidLogin");
        return out;
    }

    @Override
    public org.ipsjobs.ipsapi.GetCompanyInfoReturn getCompanyInfo(org.ipsjobs.ipsapi.GetCompanyInfoParam parameters) {
        org.ipsjobs.ipsapi.Company company = new org.ipsjobs.ipsapi.Company();
        company.setCompanyHandle("47");
        company.setName("Bench");
        company.setRootPath("Bench/");
        org.ipsjobs.ipsapi.GetCompanyInfoReturn out = new org.ipsjobs.ipsapi.GetCompanyInfoReturn();
        out.setCompanyInfo(company);
        return out;
    }

    @Override
    public org.ipsjobs.ipsapi.GetCompanyMembershipReturn getCompanyMembership(
            org.ipsjobs.ipsapi.GetCompanyMembershipParam parameters) {
        org.ipsjobs.ipsapi.GetCompanyMembershipReturn out = new org.ipsjobs.ipsapi.GetCompanyMembershipReturn();
        out.setMembershipArray(new org.ipsjobs.ipsapi.CompanyMembershipArray());
        return out;
    }

    @Override
    public PauseJobReturn pauseJob(PauseJobParam parameters) {
        return new PauseJobReturn();
    }

    @Override
    public ResumeJobReturn resumeJob(ResumeJobParam parameters) {
        return new ResumeJobReturn();
    }

    @Override
    public StopJobReturn stopJob(StopJobParam parameters) {
        return new StopJobReturn();
    }

    @Override
    public DeleteJobReturn deleteJob(DeleteJobParam parameters) {
        return new DeleteJobReturn();
    }

    @Override
    public ExecuteJobReturn executeJob(ExecuteJobParam parameters) {
        return new ExecuteJobReturn();
    }
}
