package org.ipsjobs.soap;

import jakarta.jws.WebService;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.ipsapi.ActiveJobArray;
import org.ipsjobs.ipsapi.AssetJobLogArray;
import org.ipsjobs.ipsapi.CheckLoginParam;
import org.ipsjobs.ipsapi.CheckLoginReturn;
import org.ipsjobs.ipsapi.CompanyMembershipArray;
import org.ipsjobs.ipsapi.GetCompanyInfoParam;
import org.ipsjobs.ipsapi.GetCompanyInfoReturn;
import org.ipsjobs.ipsapi.GetCompanyMembershipParam;
import org.ipsjobs.ipsapi.GetCompanyMembershipReturn;
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
import org.ipsjobs.jobs.api.JobFilter;
import org.ipsjobs.jobs.api.JobService;

/**
 * The IPS API operations, each translated to one {@link JobService} call. It holds no rules of its
 * own (roles, companies and validation are the service's): the caller comes from
 * {@link AuthInterceptor}, and exceptions become faults in {@link FaultOutInterceptor}.
 */
@WebService(endpointInterface = "org.ipsjobs.ipsapi.IpsApiPortType", serviceName = "IpsApiService",
        portName = "IpsApiSoap12Port", targetNamespace = ApiNamespaces.CANONICAL,
        wsdlLocation = "classpath:wsdl/IpsApi.wsdl")
public class IpsApiEndpoint implements IpsApiPortType {

    private final JobService jobs;
    private final JobMapper mapper;
    private final AnswerCache answers;

    IpsApiEndpoint(JobService jobs, JobMapper mapper, AnswerCache answers) {
        this.jobs = jobs;
        this.mapper = mapper;
        this.answers = answers;
    }

    @Override
    public SubmitJobReturn submitJob(SubmitJobParam param) {
        SubmitJobReturn out = new SubmitJobReturn();
        out.setJobHandle(jobs.submit(CallerContext.current(), mapper.toRequest(param)).value());
        return out;
    }

    @Override
    public GetActiveJobsReturn getActiveJobs(GetActiveJobsParam param) {
        JobFilter filter = new JobFilter(param.getCompanyHandle(), param.getJobHandle(), param.getOriginalName(),
                !Boolean.FALSE.equals(param.isIncludeWaitingJobs()));
        ActiveJobArray array = new ActiveJobArray();
        jobs.activeJobs(CallerContext.current(), filter).forEach(run -> array.getItems().add(answers.item(run, mapper::toActiveJob)));
        GetActiveJobsReturn out = new GetActiveJobsReturn();
        out.setJobArray(array);
        return out;
    }

    @Override
    public GetScheduledJobsReturn getScheduledJobs(GetScheduledJobsParam param) {
        JobFilter filter = new JobFilter(param.getCompanyHandle(), param.getJobHandle(), param.getOriginalName(), true);
        ScheduledJobArray array = new ScheduledJobArray();
        jobs.scheduledJobs(CallerContext.current(), filter)
                .forEach(view -> array.getItems().add(mapper.toScheduledJob(view)));
        GetScheduledJobsReturn out = new GetScheduledJobsReturn();
        out.setJobArray(array);
        return out;
    }

    @Override
    public PauseJobReturn pauseJob(PauseJobParam param) {
        jobs.pause(CallerContext.current(), param.getCompanyHandle(), param.getJobHandle());
        return new PauseJobReturn();
    }

    @Override
    public ResumeJobReturn resumeJob(ResumeJobParam param) {
        jobs.resume(CallerContext.current(), param.getCompanyHandle(), param.getJobHandle());
        return new ResumeJobReturn();
    }

    @Override
    public StopJobReturn stopJob(StopJobParam param) {
        jobs.stop(CallerContext.current(), param.getCompanyHandle(), param.getJobHandle());
        return new StopJobReturn();
    }

    @Override
    public DeleteJobReturn deleteJob(DeleteJobParam param) {
        jobs.delete(CallerContext.current(), param.getCompanyHandle(), param.getJobHandle());
        return new DeleteJobReturn();
    }

    @Override
    public ExecuteJobReturn executeJob(ExecuteJobParam param) {
        jobs.execute(CallerContext.current(), param.getCompanyHandle(), param.getJobHandle());
        return new ExecuteJobReturn();
    }

    @Override
    public GetJobLogsReturn getJobLogs(GetJobLogsParam param) {
        JobLogArray array = new JobLogArray();
        jobs.jobLogs(CallerContext.current(), mapper.toQuery(param)).forEach(log -> array.getItems().add(answers.item(log, mapper::toJobLog)));
        GetJobLogsReturn out = new GetJobLogsReturn();
        out.setJobLogArray(array);
        return out;
    }

    @Override
    public GetJobLogDetailsReturn getJobLogDetails(GetJobLogDetailsParam param) {
        Caller caller = CallerContext.current();
        JobLogArray array = new JobLogArray();
        jobs.jobLogDetails(caller, mapper.toQuery(param))
                .forEach(page -> array.getItems().add(mapper.toJobLog(page, caller.locale())));
        GetJobLogDetailsReturn out = new GetJobLogDetailsReturn();
        out.setJobLogArray(array);
        return out;
    }

    @Override
    public GetAssetJobLogsReturn getAssetJobLogs(GetAssetJobLogsParam param) {
        Caller caller = CallerContext.current();
        AssetJobLogArray array = new AssetJobLogArray();
        jobs.assetJobLogs(caller, param.getCompanyHandle(), param.getAssetHandle())
                .forEach(entry -> array.getItems().add(mapper.toAssetJobLog(entry, caller.locale())));
        GetAssetJobLogsReturn out = new GetAssetJobLogsReturn();
        out.setJobLogArray(array);
        return out;
    }

    @Override
    public CheckLoginReturn checkLogin(CheckLoginParam param) {
        CheckLoginReturn out = new CheckLoginReturn();
        out.setStatus(jobs.checkLogin(CallerContext.current(), param.getCompanyHandle(), param.getEmail(),
                param.getPassword()) ? "ValidLogin" : "InvalidLogin");
        return out;
    }

    @Override
    public GetCompanyInfoReturn getCompanyInfo(GetCompanyInfoParam param) {
        GetCompanyInfoReturn out = new GetCompanyInfoReturn();
        out.setCompanyInfo(mapper.toCompany(jobs.companyInfo(CallerContext.current(), param.getCompanyHandle(),
                param.getCompanyName())));
        return out;
    }

    @Override
    public GetCompanyMembershipReturn getCompanyMembership(GetCompanyMembershipParam param) {
        CompanyMembershipArray array = new CompanyMembershipArray();
        jobs.memberships(CallerContext.current(), param.getUserHandle())
                .forEach(m -> array.getItems().add(mapper.toMembership(m)));
        GetCompanyMembershipReturn out = new GetCompanyMembershipReturn();
        out.setMembershipArray(array);
        return out;
    }
}
